// A Vite plugin: the build writes a gzip copy beside each compressible asset (`x.js.gz`), and
// `vite preview` sends that copy to a browser that accepts gzip. Without it, vite preview
// compresses every response again at gzip's default level, on the one thread that also answers
// every other request: about 8 MB per learner on a first visit (Monaco alone is 3.8 MB), which a
// classroom laptop serving 30 browsers on the LAN pays 30 times, and each page waits for.
//
// Only files of the build under /assets/ and the service worker's scripts are served this way.
// index.html keeps going through vite preview (it may transform it), and the headers match those
// of vite preview's own static server (sirv in dev mode): `Cache-Control: no-cache` and a weak
// ETag, so a browser revalidates and gets 304 for what it has.
import { createReadStream, existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, relative, resolve, sep } from 'node:path'
import { gzipSync, constants } from 'node:zlib'
import type { Plugin, ResolvedConfig } from 'vite'

/** What is worth compressing, and its Content-Type (the types vite preview sends for them). */
export const COMPRESSIBLE: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
}

/** Smaller files go as they are (as vite preview's compression does below 1 KB). */
const MIN_BYTES = 1024

/** Every compressible file under `dir` (recursively), as paths relative to it. */
function compressibleFiles(dir: string, base = dir): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...compressibleFiles(full, base))
    else if (COMPRESSIBLE[extname(entry.name)] && statSync(full).size >= MIN_BYTES) out.push(relative(base, full))
  }
  return out
}

/** Write `file.gz` beside each compressible file of the build; returns how many were written. */
export function precompress(outDir: string): number {
  const files = compressibleFiles(outDir)
  for (const f of files) {
    const full = join(outDir, f)
    writeFileSync(`${full}.gz`, gzipSync(readFileSync(full), { level: constants.Z_BEST_COMPRESSION }))
  }
  return files.length
}

/** Whether a request's Accept-Encoding allows gzip (a `q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().split(';')
    if (coding?.trim().toLowerCase() !== 'gzip' && coding?.trim() !== '*') continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}

/** The built file a URL path names, when it is one this plugin serves (else undefined). */
export function servedFile(distDir: string, urlPath: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0]!)
  } catch {
    return undefined
  }
  if (!path.startsWith('/assets/') && !/^\/(sw|workbox-[\w-]+)\.js$/.test(path)) return undefined
  if (!COMPRESSIBLE[extname(path)]) return undefined
  const full = resolve(distDir, normalize(path.slice(1)))
  // nothing outside the build, whatever the path says
  return full.startsWith(resolve(distDir) + sep) ? full : undefined
}

/** The middleware: answers with `file.gz` when there is one and the browser takes gzip. */
export function precompressedMiddleware(distDir: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !acceptsGzip(req.headers['accept-encoding'])) return next()
    const file = servedFile(distDir, req.url ?? '/')
    const gz = file && `${file}.gz`
    if (!file || !gz || !existsSync(gz) || !existsSync(file)) return next()
    const original = statSync(file)
    // the identity file's ETag (as sirv makes it), so revalidation works across both encodings
    const etag = `W/"${original.size}-${original.mtime.getTime()}"`
    res.setHeader('Vary', 'Accept-Encoding')
    res.setHeader('Cache-Control', 'no-cache')
    res.setHeader('ETag', etag)
    res.setHeader('Last-Modified', original.mtime.toUTCString())
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304
      res.end()
      return
    }
    res.setHeader('Content-Type', COMPRESSIBLE[extname(file)]!)
    res.setHeader('Content-Encoding', 'gzip')
    res.setHeader('Content-Length', statSync(gz).size)
    if (req.method === 'HEAD') return void res.end()
    createReadStream(gz).pipe(res)
  }
}

export function precompressPlugin(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'podlab-precompress',
    configResolved(c) {
      config = c
    },
    // after vite-plugin-pwa has written sw.js and its workbox script
    closeBundle: {
      order: 'post',
      handler() {
        if (config.command !== 'build' || config.build.ssr || config.build.watch) return
        precompress(resolve(config.root, config.build.outDir))
      },
    },
    configurePreviewServer(server) {
      // added now, it runs before vite preview's own on-the-fly compression and static files
      server.middlewares.use(precompressedMiddleware(resolve(server.config.root, server.config.build.outDir)))
    },
  }
}
