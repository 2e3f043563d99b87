import { describe, expect, it } from 'vitest';
import { MemFS } from './fs/memfs';
import { execErrnoFailure, lookPath, startContainerError } from './runc';

function rootfs(): MemFS {
  const fs = new MemFS({ now: () => 0 });
  fs.mkdir('/usr/bin', { recursive: true });
  fs.mkdir('/app', { recursive: true });
  fs.writeFile('/usr/bin/env', 'x', { mode: 0o755 });
  fs.writeFile('/app/run', 'x', { mode: 0o755 });
  return fs;
}

describe('lookPath (runc, Go os/exec)', () => {
  const PATH = '/usr/local/bin:/usr/bin:/bin';
  it('searches $PATH for bare names and takes paths as they are', () => {
    expect(lookPath(rootfs(), '/', 'env', PATH)).toBe('/usr/bin/env');
    expect(lookPath(rootfs(), '/app', './run', PATH)).toBe('/app/./run');
    expect(lookPath(rootfs(), '/', '/app/run', PATH)).toBe('/app/run');
  });
  it('fails in runc words', () => {
    expect(lookPath(rootfs(), '/', 'nope', PATH)).toEqual({ why: 'exec: "nope": executable file not found in $PATH' });
    expect(lookPath(rootfs(), '/', '/nope', PATH)).toEqual({ why: 'exec: "/nope": stat /nope: no such file or directory' });
    expect(lookPath(rootfs(), '/', '/app', PATH)).toEqual({ why: 'exec: "/app": permission denied' });
    expect(startContainerError(execErrnoFailure('/app/run', 'ENOEXEC'))).toBe(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/run": exec format error: unknown',
    );
  });
});
