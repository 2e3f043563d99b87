// The kubectl emulator's public API for the layers above (terminal, lesson, state).
export { runKubectl } from './kubectl';
export { runKubectlCaptured, type CapturedRun } from './captured';
export type { KubectlEnv, KubectlFiles, EditorHook, PortForwardHost } from './env';
