import { describe, expect, it } from 'vitest'
import { chunkHintTags } from './vite-plugin-chunk-hints'

const bundle = {
  'assets/index-a1.js': { type: 'chunk' as const, fileName: 'assets/index-a1.js', facadeModuleId: '/repo/index.html' },
  'assets/EditorPane-b2.js': { type: 'chunk' as const, fileName: 'assets/EditorPane-b2.js', facadeModuleId: '/repo/src/ui/editor/EditorPane.tsx' },
  'assets/shared-c3.js': { type: 'chunk' as const, fileName: 'assets/shared-c3.js', facadeModuleId: null },
  'assets/EditorPane-d4.css': { type: 'asset' as const, fileName: 'assets/EditorPane-d4.css' },
}

describe('the chunk hints of the built index.html', () => {
  it('names the hashed file of the chunk made from each source, under the public path', () => {
    expect(chunkHintTags(bundle, '/', { editor: 'src/ui/editor/EditorPane.tsx' })).toEqual([
      { tag: 'meta', attrs: { name: 'podlab-chunk:editor', content: '/assets/EditorPane-b2.js' }, injectTo: 'head' },
    ])
    expect(chunkHintTags(bundle, '/podlab/', { editor: 'src/ui/editor/EditorPane.tsx' })[0]?.attrs).toMatchObject({ content: '/podlab/assets/EditorPane-b2.js' })
  })

  it('fails the build when a named source has no chunk of its own (it was merged into another)', () => {
    expect(() => chunkHintTags(bundle, '/', { monaco: 'src/ui/editor/monaco-setup.ts' })).toThrow(/no chunk is made from src\/ui\/editor\/monaco-setup\.ts/)
  })

  it('matches whole path segments only', () => {
    expect(() => chunkHintTags(bundle, '/', { pane: 'ui/editor/Pane.tsx' })).toThrow()
  })
})
