// @ts-check
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * Import zones: ui → state → lesson → terminal → kubectl → engine → shared.
 * Each src/ layer may import itself and the layers listed here, nothing else.
 * @type {Record<string, string[]>}
 */
const LAYERS = {
  shared: [],
  engine: ['shared'],
  kubectl: ['engine', 'shared'],
  terminal: ['kubectl', 'engine', 'shared'],
  lesson: ['terminal', 'kubectl', 'engine', 'shared'],
  state: ['lesson', 'terminal', 'kubectl', 'engine', 'shared'],
  ui: ['state', 'lesson', 'terminal', 'kubectl', 'engine', 'shared'],
}

/** Packages that only some folders may import (paths relative to the repo root). */
const PACKAGES = [
  {
    name: 'react',
    test: /^react(-dom)?(\/|$)/,
    forbiddenIn: ['src/shared/', 'src/engine/', 'src/kubectl/', 'src/terminal/', 'src/lesson/'],
  },
  { name: 'zustand', test: /^zustand(\/|$)/, onlyIn: 'src/state/' },
  { name: 'Monaco', test: /^(monaco-editor|monaco-yaml|@monaco-editor\/)/, onlyIn: 'src/ui/editor/' },
  { name: 'xterm', test: /^@xterm\//, onlyIn: 'src/ui/terminal/' },
]

/**
 * The src/ layer a repo-relative path belongs to, or null when it is outside src/<layer>/.
 * @param {string} rel
 */
function layerOf(rel) {
  const parts = rel.split('/')
  return parts[0] === 'src' && parts.length >= 3 ? parts[1] : null
}

/**
 * Relative imports are resolved against the importing file, so `./state` inside
 * src/engine/kubelet/ is not mistaken for the src/state layer (a plain
 * no-restricted-imports pattern cannot tell them apart).
 * @type {import('eslint').Rule.RuleModule}
 */
const importZones = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the src/ layer direction and which folders may import which packages' },
    schema: [],
    messages: {
      layer: "src/{{from}} may not import src/{{to}} (allowed: {{allowed}}). Layers: ui → state → lesson → terminal → kubectl → engine → shared.",
      unknown: "src/{{to}} is not a known layer; add it to LAYERS in eslint.config.js.",
      pkg: "'{{source}}' ({{name}}) may not be imported here: {{where}}.",
    },
  },
  create(context) {
    const file = context.filename
    const rel = path.relative(root, file).split(path.sep).join('/')
    const from = layerOf(rel)

    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return
      if (source.startsWith('.')) {
        if (!from || !(from in LAYERS)) return
        const target = path.relative(root, path.resolve(path.dirname(file), source)).split(path.sep).join('/')
        const to = layerOf(target)
        if (!to || to === from) return
        if (!(to in LAYERS)) context.report({ node, messageId: 'unknown', data: { to } })
        else if (!LAYERS[from].includes(to)) {
          const allowed = LAYERS[from].join(', ') || 'none'
          context.report({ node, messageId: 'layer', data: { from, to, allowed } })
        }
        return
      }
      for (const pkg of PACKAGES) {
        if (!pkg.test.test(source)) continue
        if (pkg.onlyIn && !rel.startsWith(pkg.onlyIn)) {
          context.report({ node, messageId: 'pkg', data: { source, name: pkg.name, where: `only ${pkg.onlyIn} may` } })
        } else if (pkg.forbiddenIn?.some((dir) => rel.startsWith(dir))) {
          context.report({ node, messageId: 'pkg', data: { source, name: pkg.name, where: `headless code (${pkg.forbiddenIn.join(', ')}) may not` } })
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    }
  },
}

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    'bench/results*',
    'bench/.bench.cjs',
    'test-results/',
    'playwright-report/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { podlab: { rules: { 'import-zones': importZones } } },
    rules: {
      'podlab/import-zones': 'error',
      // A leading underscore marks a deliberately unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'e2e/**', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
)
