import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptsGzip, precompress, precompressedMiddleware, servedFile } from './vite-plugin-precompress'

const dist = mkdtempSync(join(tmpdir(), 'podlab-precompress-'))
const big = 'export const x = "' + 'podlab '.repeat(2000) + '"\n'

beforeAll(() => {
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'assets', 'app-abc.js'), big)
  writeFileSync(join(dist, 'assets', 'tiny-abc.js'), 'export {}\n')
  writeFileSync(join(dist, 'assets', 'app-abc.css'), `body{color:red}\n`.repeat(200))
  writeFileSync(join(dist, 'assets', 'logo.png'), Buffer.alloc(4096, 1))
  writeFileSync(join(dist, 'sw.js'), `self.x=1;\n`.repeat(300))
  writeFileSync(join(dist, 'index.html'), '<!doctype html>' + '<p>podlab</p>'.repeat(200))
})
afterAll(() => rmSync(dist, { recursive: true, force: true }))

describe('precompress', () => {
  it('writes a gzip copy of each compressible file of 1 KB or more, whose content is the file', () => {
    const n = precompress(dist)
    // app js, css and sw.js; not the 10-byte script, the png, or index.html (vite preview serves the page itself)
    expect(n).toBe(3)
    expect(gunzipSync(readFileSync(join(dist, 'assets', 'app-abc.js.gz'))).toString()).toBe(big)
    expect(() => readFileSync(join(dist, 'assets', 'tiny-abc.js.gz'))).toThrow()
    expect(() => readFileSync(join(dist, 'assets', 'logo.png.gz'))).toThrow()
    expect(() => readFileSync(join(dist, 'index.html.gz'))).toThrow()
    expect(readFileSync(join(dist, 'assets', 'app-abc.js.gz')).length).toBeLessThan(big.length / 10)
  })
})

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['GZIP', true],
    ['gzip;q=0', false],
    ['br, deflate', false],
    ['identity', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected)
  })
})

describe('servedFile', () => {
  it('serves the assets and the service worker scripts only', () => {
    expect(servedFile(dist, '/assets/app-abc.js')).toBe(join(dist, 'assets', 'app-abc.js'))
    expect(servedFile(dist, '/assets/app-abc.js?v=1')).toBe(join(dist, 'assets', 'app-abc.js'))
    expect(servedFile(dist, '/sw.js')).toBe(join(dist, 'sw.js'))
    expect(servedFile(dist, '/workbox-9c191d2f.js')).toBe(join(dist, 'workbox-9c191d2f.js'))
    expect(servedFile(dist, '/index.html')).toBeUndefined()
    expect(servedFile(dist, '/')).toBeUndefined()
    expect(servedFile(dist, '/assets/logo.png')).toBeUndefined()
  })

  it('never names a file outside the build', () => {
    expect(servedFile(dist, '/assets/../../etc/passwd.js')).toBeUndefined()
    expect(servedFile(dist, '/assets/%2e%2e/%2e%2e/x.js')).toBeUndefined()
    expect(servedFile(dist, '/assets/%E0%A4%A.js')).toBeUndefined()
  })
})

describe('the preview middleware', () => {
  let server: Server
  let base: string
  beforeAll(async () => {
    precompress(dist)
    const mw = precompressedMiddleware(dist)
    server = createServer((req, res) =>
      mw(req, res, () => {
        res.statusCode = 299 // "passed on": vite preview's own handlers would answer
        res.end('next')
      }),
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers: { 'accept-encoding': 'gzip', ...headers } })

  it('answers with the gzip copy, its type and length, and headers for revalidation', async () => {
    const res = await get('/assets/app-abc.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('content-type')).toBe('text/javascript')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(Number(res.headers.get('content-length'))).toBe(readFileSync(join(dist, 'assets', 'app-abc.js.gz')).length)
    // fetch decodes it: the body is the file
    expect(await res.text()).toBe(big)
  })

  it('answers 304 to a revalidation with the same ETag', async () => {
    const etag = (await get('/assets/app-abc.css')).headers.get('etag')!
    expect(etag).toMatch(/^W\/"\d+-\d+"$/)
    const again = await get('/assets/app-abc.css', { 'if-none-match': etag })
    expect(again.status).toBe(304)
  })

  it('passes on what it does not serve: no gzip accepted, no copy, the page itself, other methods', async () => {
    expect((await get('/assets/app-abc.js', { 'accept-encoding': 'br' })).status).toBe(299)
    expect((await get('/assets/tiny-abc.js')).status).toBe(299)
    expect((await get('/index.html')).status).toBe(299)
    expect((await get('/assets/missing.js')).status).toBe(299)
    expect((await fetch(base + '/assets/app-abc.js', { method: 'POST', headers: { 'accept-encoding': 'gzip' } })).status).toBe(299)
  })
})
