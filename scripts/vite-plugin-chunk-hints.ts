// A Vite plugin: the built index.html names the chunk files the page fetches ahead of their use,
// in <meta name="podlab-chunk:NAME" content=URL> tags. A dynamic import() fetches a chunk and
// evaluates it as soon as it arrives; the page wants some chunks fetched (and compiled, off the
// main thread) early but evaluated only when needed, which takes the file's URL for a
// <link rel="modulepreload">. Hashed file names are known only once the bundle is written.
import type { HtmlTagDescriptor, Plugin } from 'vite'

/** Chunks to name: meta name → the source module the chunk is made from (relative to the root). */
export const CHUNK_HINTS: Readonly<Record<string, string>> = {
  // the editor pane, with Monaco inside it (src/ui/lazy-views.ts prefetchEditor)
  editor: 'src/ui/editor/EditorPane.tsx',
}

interface BundleChunk {
  type: 'chunk' | 'asset'
  fileName: string
  facadeModuleId?: string | null
}

/** The <meta> tags for the chunks of `bundle` that `hints` names (base: the app's public path). */
export function chunkHintTags(bundle: Record<string, BundleChunk>, base: string, hints = CHUNK_HINTS): HtmlTagDescriptor[] {
  const tags: HtmlTagDescriptor[] = []
  for (const [name, source] of Object.entries(hints)) {
    const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${source}`))
    if (!chunk) throw new Error(`chunk-hints: no chunk is made from ${source}`)
    tags.push({ tag: 'meta', attrs: { name: `podlab-chunk:${name}`, content: base + chunk.fileName }, injectTo: 'head' })
  }
  return tags
}

export function chunkHintsPlugin(): Plugin {
  let base = '/'
  return {
    name: 'podlab-chunk-hints',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => (ctx.bundle ? chunkHintTags(ctx.bundle as Record<string, BundleChunk>, base) : []),
    },
  }
}
