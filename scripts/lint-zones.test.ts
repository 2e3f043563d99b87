import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` })
})

/** Messages of the import-zones rule for `code` linted as if it lived at `filePath`. */
async function zoneErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'podlab/import-zones').map((m) => m.message)
}

describe('import zones (eslint.config.js)', () => {
  it.each([
    ['src/engine/x.ts', "import { x } from '../kubectl/foo'"],
    ['src/engine/kubelet/x.ts', "import { x } from '../../state/store'"],
    ['src/engine/x.ts', "export * from '../ui/App'"],
    ['src/engine/x.ts', "export { x } from '../lesson/foo'"],
    ['src/engine/x.ts', "const m = await import('../terminal/session')"],
    ['src/shared/x.ts', "import type { Pod } from '../engine/api/pod'"],
    ['src/kubectl/x.ts', "import { y } from '../terminal/session'"],
    ['src/terminal/x.ts', "import { y } from '../lesson/runtime'"],
    ['src/state/x.ts', "import { y } from '../ui/App'"],
    ['src/engine/x.ts', "import { y } from '../mystery/thing'"],
    ['src/kubectl/x.ts', "import { useState } from 'react'"],
    ['src/engine/x.ts', "import type { ReactNode } from 'react'"],
    ['src/ui/App.tsx', "import { create } from 'zustand'"],
    ['src/ui/App.tsx', "import { useShallow } from 'zustand/react/shallow'"],
    ['src/ui/App.tsx', "import { configureMonacoYaml } from 'monaco-yaml'"],
    ['src/ui/terminal/Term.tsx', "import * as monaco from 'monaco-editor'"],
    ['src/ui/editor/Editor.tsx', "import '@xterm/xterm/css/xterm.css'"],
    ['src/state/x.ts', "import { Terminal } from '@xterm/xterm'"],
  ])('reports %s: %s', async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toHaveLength(1)
  })

  it.each([
    ['src/engine/x.ts', "import { y } from '../shared/random'"],
    ['src/engine/kubelet/x.ts', "import { y } from './state'"],
    ['src/engine/kubelet/x.ts', "import { y } from '../store/store'"],
    ['src/kubectl/cmd/get.ts', "import { y } from '../../engine/store'"],
    ['src/terminal/x.ts', "import { y } from '../kubectl/run'"],
    ['src/lesson/x.ts', "import { y } from '../engine/clock'"],
    ['src/lesson/x.ts', "import { y } from '../terminal/session'"],
    ['src/state/x.ts', "import { y } from '../lesson/runtime'\nimport { create } from 'zustand'"],
    ['src/state/x.ts', "import { useSyncExternalStore } from 'react'"],
    ['src/ui/App.tsx', "import { y } from '../engine/clock'\nimport { useState } from 'react'"],
    ['src/ui/editor/Editor.tsx', "import * as monaco from 'monaco-editor'\nimport 'monaco-yaml'"],
    ['src/ui/terminal/Term.tsx', "import { Terminal } from '@xterm/xterm'\nimport { FitAddon } from '@xterm/addon-fit'"],
    ['scripts/bench.ts', "import { y } from '../src/engine/clock'"],
    ['e2e/x.spec.ts', "import { test } from '@playwright/test'"],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await zoneErrors(filePath, code)).toEqual([])
  })
})
