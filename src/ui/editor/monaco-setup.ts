// Monaco, slim: the core API, the editor features and the YAML tokenizer only (the full
// `monaco-editor` import pulls every language service: ~2.5x the size). monaco-yaml validates,
// hovers and completes every .yaml/.yml model against the Kubernetes schema, chosen per document
// by its `kind:` (k8s-editor-schema.json, made by scripts/gen-editor-schema.mjs).
//
// Only this folder imports Monaco, and only through the lazy EditorPane chunk: the terminal and
// the lesson work before any of this has loaded.
import * as monaco from 'monaco-editor/editor/editor.api';
import './monaco-features';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import k8sSchema from './k8s-editor-schema.json';
import YamlWorker from './yaml.worker?worker';

export type Monaco = typeof monaco;

declare global {
  interface Window {
    /** the Monaco namespace, for the end-to-end tests (markers, models) */
    __monaco?: Monaco;
  }
}

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

// monaco-yaml 5.5 (monaco-worker-manager) still calls the pre-0.53 createWebWorker({ moduleId,
// label, createData }); Monaco 0.57 only takes { worker }. Start the worker ourselves and send the
// two bootstrap messages Monaco's own helper sends (esm/vs/internal/common/workers.js), or YAML
// validation, hover and completion silently do nothing (../shared/toolchain.md §3.3).
interface LegacyWorkerOptions {
  moduleId: string;
  label: string;
  createData: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}
const createWebWorker = monaco.editor.createWebWorker;
(monaco.editor as { createWebWorker: unknown }).createWebWorker = (opts: Parameters<typeof createWebWorker>[0] | LegacyWorkerOptions) => {
  if (!('moduleId' in opts)) return createWebWorker(opts);
  const worker = self.MonacoEnvironment!.getWorker!(opts.moduleId, opts.label) as Worker;
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return createWebWorker({ worker: Promise.resolve(worker), host: opts.host, keepIdleModels: opts.keepIdleModels });
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false, // no request leaves the page: the schema is bundled
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true },
  schemas: [{ uri: 'inmemory://podlab/kubernetes.json', fileMatch: ['**/*.yaml', '**/*.yml'], schema: k8sSchema as JSONSchema }],
});

window.__monaco = monaco;

/** vs or vs-dark, as the system prefers (the app's colours follow the same media query). */
export function systemTheme(): 'vs' | 'vs-dark' {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}

/** Calls `apply` with the theme now and whenever the system's preference changes. */
export function followSystemTheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => monaco.editor.setTheme(systemTheme());
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}

export { monaco };
