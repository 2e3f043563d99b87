// How runc finds a container's executable and how its failures read once containerd and the
// kubelet have wrapped them: the texts learners see in `describe pod` events and `kubectl exec`.
import type { Vfs } from './process/types';
import type { ExecErrno } from './process/program';

/** Why an executable cannot be started: the part after "unable to start container process: ". */
export interface StartFailure {
  why: string;
}

/**
 * Go os/exec LookPath as runc uses it: a name with a slash is taken as is (relative to the working
 * directory), any other is searched on $PATH.
 */
export function lookPath(fs: Vfs, cwd: string, name: string, path: string | undefined): string | StartFailure {
  const isFile = (p: string) => {
    try {
      return fs.stat(p).type === 'file';
    } catch {
      return false;
    }
  };
  if (!name) return { why: 'exec: "": executable file not found in $PATH' };
  if (name.includes('/')) {
    const abs = name.startsWith('/') ? name : `${cwd.replace(/\/$/, '')}/${name}`;
    if (isFile(abs)) return abs;
    // Go os/exec findExecutable: a missing file is the stat error, a directory fs.ErrPermission
    return fs.exists(abs)
      ? { why: `exec: ${JSON.stringify(name)}: permission denied` }
      : { why: `exec: ${JSON.stringify(name)}: stat ${name}: no such file or directory` };
  }
  for (const dir of (path ?? '').split(':')) {
    const p = `${dir || '.'}/${name}`;
    if (isFile(p)) return p;
  }
  // Go os/exec ErrNotFound
  return { why: `exec: ${JSON.stringify(name)}: executable file not found in $PATH` };
}

/** An exec(2) failure after the lookup, in strerror words. */
export function execErrnoFailure(name: string, errno: ExecErrno): StartFailure {
  const text = errno === 'EACCES' ? 'permission denied' : errno === 'ENOEXEC' ? 'exec format error' : errno === 'ELOOP' ? 'too many levels of symbolic links' : errno === 'ENOTDIR' ? 'not a directory' : 'no such file or directory';
  return { why: `exec: ${JSON.stringify(name)}: ${text}` };
}

/** StartContainer's error (containerd task create → runc create), the kubelet's RunContainerError message. */
export function startContainerError(f: StartFailure): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${f.why}: unknown`;
}

/** An exec's error (containerd pkg/cri/server/container_execsync.go → runc exec), as the API server wraps it after "Internal error occurred: ". */
export function execStartError(execId: string, f: StartFailure): string {
  return `error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(execId)}: OCI runtime exec failed: exec failed: unable to start container process: ${f.why}: unknown`;
}

/** The same failure as an exec probe sees it: a gRPC error from the CRI (pkg/probe/exec reports it as the probe error). */
export function execProbeStartError(execId: string, f: StartFailure): string {
  return `rpc error: code = Unknown desc = failed to exec in container: failed to start exec ${JSON.stringify(execId)}: OCI runtime exec failed: exec failed: unable to start container process: ${f.why}: unknown`;
}
