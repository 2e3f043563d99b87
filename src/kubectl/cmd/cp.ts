// `kubectl cp` (kubectl pkg/cmd/cp/cp.go and filespec.go, v1.32): copy files and directories between
// the learner's workspace and a container by running `tar` in it through the exec subresource, as
// kubectl does: an image without tar fails the way it fails on a real cluster.
import type { StreamIO } from '../../engine';
import { encodeEntry, endOfArchive, readArchive, type TarEntry } from '../../shared/tar-format';
import type { CommandContext, CommandDef } from '../command';
import { CmdError, ExitError } from '../errors';
import { asPod, defaultContainer } from '../pod-containers';

interface FileSpec {
  pod?: string;
  namespace?: string;
  /** the path, trailing slash removed (filespec.go stripTrailingSlash) */
  file: string;
}

const stripTrailingSlash = (f: string): string => (f.length > 1 && f.endsWith('/') ? f.slice(0, -1) : f);

/** Go path.Clean. */
function clean(p: string): string {
  if (!p) return '.';
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  const s = out.join('/');
  return abs ? `/${s}` : s || '.';
}

const join = (...parts: string[]): string => clean(parts.filter((p) => p !== '').join('/'));
const dir = (p: string): string => {
  const c = clean(p);
  const i = c.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : c.slice(0, i);
};
const base = (p: string): string => {
  const c = clean(p);
  return c === '/' ? '/' : c.slice(c.lastIndexOf('/') + 1);
};

/** filespec.go stripPathShortcuts: leading "../" and a lone "." or ".." go, then a leading "/". */
function stripPathShortcuts(p: string): string {
  let s = p;
  while (s.startsWith('../')) s = s.slice(3);
  if (s === '.' || s === '..') s = '';
  return s.startsWith('/') ? s.slice(1) : s;
}

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  // cp.go errFileSpecDoesntMatchFormat
  const bad = new CmdError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i === 0) throw bad;
  if (i < 0) return { file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  const file = stripTrailingSlash(arg.slice(i + 1));
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw bad;
}

interface ExecRequest {
  spec: FileSpec;
  command: string[];
  stdin?: string;
  out(data: string): void;
  err(data: string): void;
}

/** cp.go execute → exec.go ExecOptions.Run: the pod, its default container, the stream; a non-zero exit is an error. */
async function execute(ctx: CommandContext, container: string, req: ExecRequest): Promise<void> {
  const api = ctx.env.api;
  const ns = req.spec.namespace ?? ctx.namespace;
  const name = req.spec.pod!;
  const obj = await api.get('pods', ns, name);
  const pod = asPod(obj);
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  // exec.go Run: "cannot exec into a container in a completed pod; current phase is %s"
  if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const c = container || defaultContainer(pod, false, req.err);
  const code = await new Promise<number>((resolve, reject) => {
    const io: StreamIO = {
      output: (stream, data) => (stream === 'stderr' ? req.err(data) : req.out(data)),
      close: (exitCode) => resolve(exitCode ?? 0),
    };
    api.exec(ns, name, { container: c, command: req.command, stdin: req.stdin !== undefined, tty: false }, io).then(() => {
      if (req.stdin === undefined) return;
      if (req.stdin) io.onInput?.(req.stdin);
      io.onInputEnd?.();
    }, reject);
  });
  // exec.go (via cmdutil.CheckErr): "command terminated with exit code %d"
  if (code !== 0) throw new ExitError(`command terminated with exit code ${code}`, code);
}

/** cp.go makeTar/recursiveTar: members named after the destination; a directory gets a header only when empty. */
function makeTar(ctx: CommandContext, src: string, destBase: string): string {
  const files = ctx.env.files;
  let archive = '';
  const add = (path: string, member: string): void => {
    // the workspace keeps no modes or times (KubectlFiles): files go as 0644, directories 0755, now
    const header = { mode: 0o644, mtime: Math.floor(ctx.env.now() / 1000), uid: 0, gid: 0, uname: 'root', gname: 'root' };
    if (files.kind(path) === 'dir') {
      const names = files.list(path);
      if (!names.length) archive += encodeEntry({ ...header, name: member, type: 'dir', mode: 0o755, text: '' });
      for (const n of names) add(`${path}/${n}`, `${member}/${n}`);
      return;
    }
    const entry: TarEntry = { ...header, name: member, type: 'file', text: files.read(path) };
    archive += encodeEntry(entry);
  };
  add(clean(src), destBase);
  return archive + endOfArchive();
}

async function copyToPod(ctx: CommandContext, container: string, noPreserve: boolean, src: FileSpec, dest: FileSpec): Promise<void> {
  // cp.go copyToPod: os.Stat of the source
  if (!ctx.env.files.kind(src.file)) throw new CmdError(`${src.file} doesn't exist in local filesystem`);
  let destFile = dest.file;
  // cp.go checkDestinationIsDir: `test -d DEST` in the container, output discarded; any failure means "not a directory"
  const discard = (): void => {};
  const isDir = await execute(ctx, container, { spec: dest, command: ['test', '-d', dest.file], out: discard, err: discard }).then(() => true, () => false);
  if (isDir) destFile = join(destFile, base(src.file));
  const archive = makeTar(ctx, src.file, base(destFile));
  const command = noPreserve ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  const destDir = dir(destFile);
  if (destDir) command.push('-C', destDir);
  const env = ctx.env;
  await execute(ctx, container, { spec: dest, command, stdin: archive, out: (d) => env.stdout(d), err: (d) => env.stderr(d) });
}

async function copyFromPod(ctx: CommandContext, container: string, retries: number, src: FileSpec, dest: FileSpec): Promise<void> {
  const env = ctx.env;
  let archive = '';
  // cp.go TarPipe.initReadFrom: with --retries the stream is read through `tail -c+N` (N = 1 at first)
  const command = retries !== 0 ? ['sh', '-c', `tar cf - '${src.file.replace(/'/g, "'\\''")}' | tail -c+1`] : ['tar', 'cf', '-', src.file];
  // cp.go TarPipe.initReadFrom: tar's stderr goes to kubectl's stdout (ErrOut: t.o.Out)
  await execute(ctx, container, { spec: src, command, out: (d) => (archive += d), err: (d) => env.stdout(d) });
  // cp.go copyFromPod: the prefix every member must start with
  const prefix = stripPathShortcuts(clean(src.file.replace(/^[/\\]+/, '')));
  for (const e of readArchive(archive).entries) {
    // cp.go untarAll: "tar contents corrupted"
    if (!e.name.startsWith(prefix)) throw new CmdError('tar contents corrupted');
    const target = join(dest.file, e.name.slice(prefix.length));
    const root = clean(dest.file);
    const within = root === '.' ? target !== '..' && !target.startsWith('../') : target === root || target.startsWith(root === '/' ? '/' : `${root}/`);
    if (!within) {
      // cp.go untarAll (isRelative): a member outside the destination is skipped
      env.stderr(`warning: file ${JSON.stringify(target)} is outside target destination, skipping\n`);
      continue;
    }
    try {
      env.files.mkdir?.(e.type === 'dir' ? target : dir(target));
      if (e.type === 'file') env.files.write(target, e.text);
    } catch (err) {
      throw new CmdError(err instanceof Error ? err.message : String(err));
    }
  }
}

export const cp: CommandDef = {
  name: 'cp',
  group: 'Troubleshooting and Debugging Commands',
  use: 'cp <file-spec-src> <file-spec-dest>',
  short: 'Copy files and directories to and from containers',
  long: 'Copy files and directories between your workspace and a container. A file spec in a pod is [NAMESPACE/]POD:PATH; anything without a colon is a path in your workspace. The container image must have tar, which kubectl runs inside it.',
  example: `# Copy the local file notes.txt to /tmp/notes.txt in pod web
kubectl cp notes.txt web:/tmp/notes.txt

# Copy the directory /etc/nginx from pod web in namespace shop to ./nginx
kubectl cp shop/web:/etc/nginx ./nginx

# Copy into a specific container
kubectl cp notes.txt web:/tmp/notes.txt -c sidecar`,
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'The container to copy to or from (default: the one the kubectl.kubernetes.io/default-container annotation names, else the first).' },
    { name: 'no-preserve', type: 'bool', usage: 'Leave owner and permissions to the container: the copied files get its defaults.' },
    { name: 'retries', type: 'int', default: '0', usage: 'How many times to resume a copy out of a container that broke off (0: never, negative: without end).' },
  ],
  async run(ctx) {
    // cp.go Validate
    if (ctx.args.length !== 2) throw new CmdError('source and destination are required');
    const src = extractFileSpec(ctx.args[0]!);
    const dest = extractFileSpec(ctx.args[1]!);
    // cp.go Run, in this order
    if (src.pod && dest.pod) throw new CmdError('one of src or dest must be a local file specification');
    if (!src.file || !dest.file) throw new CmdError('filepath can not be empty');
    const container = ctx.flags.string('container');
    if (src.pod) await copyFromPod(ctx, container, ctx.flags.int('retries'), src, dest);
    else if (dest.pod) await copyToPod(ctx, container, ctx.flags.bool('no-preserve'), src, dest);
    else throw new CmdError('one of src or dest must be a remote file specification');
    return 0;
  },
};
