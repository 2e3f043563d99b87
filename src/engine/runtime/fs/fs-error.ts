// Filesystem errors as the simulated programs see them: an errno code plus Go's *os.PathError
// text (`open /x: no such file or directory`), so the kubelet can log them verbatim and shell
// commands can turn the code into coreutils wording with strerror().

export type FsErrorCode =
  | 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EBUSY'
  | 'EROFS' | 'EXDEV' | 'EACCES' | 'EPERM';

// The Linux errno strings as Go's syscall.Errno.Error() returns them (syscall/zerrors_linux_amd64.go errors).
const ERRNO_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOTEMPTY: 'directory not empty',
  EINVAL: 'invalid argument',
  EBUSY: 'device or resource busy',
  EROFS: 'read-only file system',
  EXDEV: 'invalid cross-device link',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/**
 * glibc strerror text, which coreutils prints: `cat: /x: No such file or directory`,
 * `touch: cannot touch '/etc/config/x': Read-only file system`, `Invalid cross-device link`.
 * (glibc sysdeps/gnu/errlist.h: the same words as Go's, capitalised.)
 */
export function strerror(code: FsErrorCode): string {
  const t = ERRNO_TEXT[code];
  return t[0]!.toUpperCase() + t.slice(1);
}

/** A failed filesystem call, formatted like Go's *os.PathError (or *os.LinkError for rename). */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly op: string,
    readonly path: string,
    readonly dest?: string,
  ) {
    // os.PathError.Error: op + " " + path + ": " + err; os.LinkError: op + " " + old + " " + new + ": " + err
    super(`${op} ${path}${dest !== undefined ? ` ${dest}` : ''}: ${ERRNO_TEXT[code]}`);
    this.name = 'FsError';
  }
}

export function isFsError(e: unknown, code?: FsErrorCode): e is FsError {
  return e instanceof FsError && (code === undefined || e.code === code);
}
