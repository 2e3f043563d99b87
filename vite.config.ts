/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { cspPlugin } from './scripts/vite-plugin-csp'
import { chunkHintsPlugin } from './scripts/vite-plugin-chunk-hints'
import { coursePlugin } from './scripts/vite-plugin-course'
import { precompressPlugin } from './scripts/vite-plugin-precompress'
import { startClusterPlugin } from './scripts/vite-plugin-start-cluster'

// monaco-editor >=0.56 maps "./*" to "./esm/vs/*.js" in its exports, so the legacy deep path
// monaco-yaml's worker manager imports ("monaco-editor/esm/vs/editor/editor.worker.js") would not
// resolve: point it at the files (../shared/toolchain.md §3.2).
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url))

export default defineConfig({
  plugins: [
    react(),
    startClusterPlugin(),
    coursePlugin(),
    cspPlugin(),
    chunkHintsPlugin(),
    VitePWA({
      registerType: 'autoUpdate',
      // deferred: a plain <script> in <head> would hold the page's parsing for a round trip
      injectRegister: 'script-defer',
      // the icon is precached by the glob below; listing it again would precache it twice
      includeManifestIcons: false,
      manifest: {
        name: 'Podlab — learn Kubernetes Pods',
        short_name: 'Podlab',
        description: 'An offline Kubernetes Pods course with a simulated cluster in your browser.',
        start_url: '.',
        display: 'standalone',
        background_color: '#12161d',
        theme_color: '#1f5fbf',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // everything the app loads, so it works offline after one visit (the web manifest is added by the plugin)
        globPatterns: ['**/*.{js,css,html,ttf,woff,woff2,svg,png,ico,json,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024, // the Monaco chunk is ~4.7 MB
        navigateFallback: 'index.html',
        clientsClaim: true, // vite-plugin-pwa 2.0 does not claim clients by default: the first visit would not work offline
        skipWaiting: true,
      },
    }),
    // after the PWA plugin: its service worker is compressed too
    precompressPlugin(),
  ],
  resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` }] },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  worker: { format: 'es' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
})
