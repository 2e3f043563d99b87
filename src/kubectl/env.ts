// What a kubectl command gets from its host (the host shell, a test, the lesson checker): the
// cluster through KubeApi, the virtual clock, the workspace files, its streams and an interrupt.
// The host decides how time passes while a command waits (real time in the app, skipping to the
// next clock event in `replay` and tests).
import type { KubeApi } from '../engine';

/** The signals kubectl's interrupt handler catches (k8s.io/kubectl/pkg/util/interrupt terminationSignals). */
export type InterruptSignal = 'HUP' | 'INT' | 'TERM' | 'QUIT';

/**
 * Exit code of a command that stopped on a signal through interrupt.New(nil, cancel) (get -w,
 * logs, wait, rollout status, events -w, run): util/interrupt/interrupt.go Handler.Signal, with
 * no final handler: os.Exit(1).
 */
export const INTERRUPTED_EXIT = 1;

/** Ctrl-C (or kill) for a running command. */
export interface Interrupt {
  readonly interrupted: boolean;
  /**
   * Calls `fn` once when one of `signals` (default: any) arrives; returns an unsubscribe function.
   * A signal no handler catches kills kubectl, as Go's default handling does.
   */
  onInterrupt(fn: (signal: InterruptSignal) => void, signals?: readonly InterruptSignal[]): () => void;
}

/** The files `-f` reads and `edit` writes (the learner's workspace, as the host shell sees it). */
export interface KubectlFiles {
  /** absolute path for a path relative to the shell's working directory */
  resolve(path: string): string;
  /** 'file' | 'dir' | undefined when it does not exist */
  kind(path: string): 'file' | 'dir' | undefined;
  read(path: string): string;
  /** names in a directory, sorted */
  list(dir: string): string[];
  write(path: string, data: string): void;
  /** os.MkdirAll (kubectl cp); absent where directories only exist through their files (memoryFiles) */
  mkdir?(path: string): void;
}

/** An object opened in the learner's editor by `kubectl edit`: resolves with the saved text, or undefined when closed unsaved. */
export type EditorHook = (path: string, content: string) => Promise<string | undefined>;

/** A forwarded local port while `kubectl port-forward` runs (the host's curl reaches it). */
export interface PortForwardHost {
  /** Registers localhost:`localPort`; returns false when the port is taken (kubectl: "unable to listen on port"). */
  listen(localPort: number, forward: ForwardTarget, connections?: ForwardConnections): boolean;
  close(localPort: number): void;
}

/** What kubectl hears about the connections to a forwarded port (client-go tools/portforward). */
export interface ForwardConnections {
  /** a connection was accepted (kubectl prints "Handling connection for <port>") */
  handling(): void;
  /** the pod side of a connection failed with the kubelet's error text (kubectl then loses the tunnel) */
  failed(message: string): void;
}

export interface ForwardTarget {
  namespace: string;
  pod: string;
  port: number;
}

/** The kubeconfig's mutable part (`kubectl config set-context --current --namespace=x`), kept by the host. */
export interface KubeconfigState {
  /** the current context's namespace ('' = default) */
  namespace: string;
}

export interface KubectlEnv {
  api: KubeApi;
  /** virtual time, ms since the epoch */
  now(): number;
  /** Resolves after `ms` of virtual time, or early when interrupted (the host moves time). */
  sleep(ms: number): Promise<void>;
  interrupt: Interrupt;
  stdout(data: string): void;
  stderr(data: string): void;
  /** All of standard input (for `-f -`); undefined when stdin is a terminal with nothing piped. */
  readStdin?(): Promise<string>;
  /** stdin/stdout are a terminal (`-it`, colours, prompts) */
  tty: boolean;
  /**
   * Standard input as it arrives, for interactive sessions (`exec -it`, `run -it`, `edit` prompts):
   * `fn` gets each chunk the learner types (a line, or keys in raw mode); `onEnd` when stdin
   * closes (Ctrl-D). Returns an unsubscribe function. Absent when nothing can be typed.
   */
  onInput?(fn: (data: string) => void, onEnd: () => void): () => void;
  files: KubectlFiles;
  editor?: EditorHook;
  portForward?: PortForwardHost;
  /** the kubeconfig (one context, minikube); absent = minikube's defaults */
  kubeconfig?: KubeconfigState;
  /** Told about errors that are Podlab bugs (not kubectl's or the API's errors); tests and fuzzers fail on them. */
  reportBug?(error: unknown): void;
  /** environment variables of the calling shell (KUBE_EDITOR, EDITOR, KUBECTL_...) */
  vars: Readonly<Record<string, string>>;
}
