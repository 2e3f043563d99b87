// The YAML language worker (validation, hover, completion) as a Vite worker entry, the wrapper
// monaco-yaml recommends for bundlers.
import 'monaco-yaml/yaml.worker.js';
