// Paths inside the repository ("/"-separated), for links and files beside a lesson.

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** `dir` + `rel`, with `.` and `..` resolved (a `..` above the start is kept). */
export function joinPath(dir: string, rel: string): string {
  const out: string[] = [];
  for (const part of `${dir}/${rel}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return `${dir.startsWith('/') ? '/' : ''}${out.join('/')}`;
}
