import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, cspPlugin, cspTag } from './vite-plugin-csp'

/** The policy's directives as a map from name to sources, parsed back from the string. */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (!name) continue
    expect(directives.has(name), `${name} appears twice (browsers keep only the first)`).toBe(false)
    directives.set(name, sources)
  }
  return directives
}

// a source that names no origin: a quoted keyword, or one of the schemes that stay on this page
const LOCAL_SOURCE = /^('self'|'none'|'unsafe-inline'|data:|blob:)$/

const policy = parse(contentSecurityPolicy())

describe('the Content-Security-Policy of the built app', () => {
  it('allows script from the app itself only', () => {
    expect(policy.get('script-src')).toEqual(["'self'"])
  })

  it('lets no other directive fall back to something looser for script', () => {
    // script-src-elem / -attr would override script-src for elements and handlers
    expect([...policy.keys()].filter((d) => d.startsWith('script-src-'))).toEqual([])
    expect(policy.get('default-src')).toEqual(["'self'"])
  })

  it('names no remote origin anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) expect(source, `${name} ${source}`).toMatch(LOCAL_SOURCE)
    }
  })

  it("keeps 'unsafe-inline' to styles", () => {
    const inline = [...policy].filter(([, sources]) => sources.includes("'unsafe-inline'")).map(([name]) => name)
    expect(inline).toEqual(['style-src'])
  })

  it('forbids plugins, <base> and form submissions, and keeps fetches and workers on the origin', () => {
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    expect(policy.get('worker-src')).toEqual(["'self'"])
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  })

  it('has no directive a <meta> policy ignores', () => {
    for (const ignored of ['frame-ancestors', 'report-uri', 'sandbox']) expect(policy.has(ignored)).toBe(false)
  })

  it('the parser sees a bad policy (the checks above can fail)', () => {
    const loose = parse(contentSecurityPolicy({ 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ['https://cdn.example'] }))
    expect(loose.get('script-src')).toContain("'unsafe-inline'")
    expect(loose.get('img-src')![0]).not.toMatch(LOCAL_SOURCE)
  })
})

describe('the plugin', () => {
  it('runs in the build only: the dev server needs its inline refresh preamble', () => {
    expect(cspPlugin().apply).toBe('build')
  })

  it('puts the policy first in <head> as a meta http-equiv', () => {
    const tag = cspTag()
    expect(tag).toEqual({ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' })
    const hook = cspPlugin().transformIndexHtml as { order: string; handler: () => unknown }
    expect(hook.handler()).toEqual([tag])
  })
})
