// The git hosting git-sync pulls from. Podlab is offline, so remote repositories are fixtures by
// URL, each branch a history of commits (oldest first) whose hashes are derived from their content
// and parent: 40 hex digits, the same on every run. A lesson or test changes a repository the way a
// person would, by pushing a commit (`push`); the pushes are this object's whole state
// (`snapshot`/`restore`), so whoever owns the GitRemotes persists them with the cluster.
//
// Reaching a repository fails the way git 2.20 over HTTPS does (git-sync v3.1.6's debian-base is
// buster): a host Podlab does not simulate does not resolve, and GitHub answers 401 for a
// repository that does not exist, which git without a terminal reports as an unreadable username.

export interface GitCommit {
  hash: string;
  message: string;
  /** the whole tree: path (relative, `/`-separated) → content */
  files: Record<string, string>;
}

/** A fixture repository: branches → commits, oldest first. */
export interface FixtureRepo {
  url: string;
  defaultBranch: string;
  branches: Record<string, { message: string; files: Record<string, string> }[]>;
}

/** A pushed change: files to add or replace, and paths to delete (null). */
export interface GitPush {
  url: string;
  branch: string;
  message: string;
  files: Record<string, string | null>;
}

export interface GitRemotesState {
  pushes: GitPush[];
}

/** Why a remote could not be read: git's stderr after `Cloning into '...'...` (or alone for ls-remote/fetch). */
export interface RemoteFailure {
  stderr: string;
}

// nigelpoulton/ps-sidecar (The Kubernetes Book's sidecar demo): a README and one page that says
// which version it is. The page is Podlab's own short HTML with the repository's message.
const PS_SIDECAR_PAGE = (version: string) => `<!DOCTYPE html>
<html>
<head>
<title>NGINX</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>This is version ${version}</h1>
</body>
</html>
`;

const PS_SIDECAR_README = `# ps-sidecar

Simple HTML page for Kubernetes sidecar demos: a git-sync container pulls this repository into a
volume that an NGINX container serves. Fork it and change index.html to see the sidecar sync.
`;

export const FIXTURE_REPOS: readonly FixtureRepo[] = [
  {
    url: 'https://github.com/nigelpoulton/ps-sidecar.git',
    defaultBranch: 'master',
    branches: {
      master: [
        { message: 'Initial commit', files: { 'README.md': PS_SIDECAR_README } },
        { message: 'Add index.html', files: { 'README.md': PS_SIDECAR_README, 'index.html': PS_SIDECAR_PAGE('1.0') } },
      ],
    },
  },
];

/** Hosts that answer (Podlab simulates GitHub); any other host does not resolve. */
const KNOWN_HOSTS = ['github.com'];

interface Repo {
  url: string;
  defaultBranch: string;
  branches: Map<string, GitCommit[]>;
}

export class GitRemotes {
  private repos = new Map<string, Repo>();
  private pushes: GitPush[] = [];

  constructor(private readonly fixtures: readonly FixtureRepo[] = FIXTURE_REPOS) {
    this.reset();
  }

  /** The branch's commits, oldest first, or the failure git would print. */
  history(url: string, branch: string): GitCommit[] | RemoteFailure | undefined {
    const repo = this.repo(url);
    if ('stderr' in repo) return repo;
    return repo.branches.get(branch);
  }

  /** `git ls-remote origin refs/heads/<branch>`: the branch's tip, undefined for no such ref. */
  tip(url: string, branch: string): string | RemoteFailure | undefined {
    const h = this.history(url, branch);
    if (h === undefined || 'stderr' in h) return h;
    return h[h.length - 1]!.hash;
  }

  /**
   * Push a commit on top of `branch` (created from the default branch's tip if new): its tree is
   * the previous one with `files` applied. Returns the new commit; throws for an unknown repository.
   */
  push(change: Omit<GitPush, 'url'> & { url: string }): GitCommit {
    const commit = this.apply(change);
    this.pushes.push(structuredClone(change));
    return commit;
  }

  snapshot(): GitRemotesState {
    return { pushes: structuredClone(this.pushes) };
  }

  restore(state: GitRemotesState): void {
    this.reset();
    for (const p of state.pushes) this.push(p);
  }

  private reset(): void {
    this.repos = new Map();
    this.pushes = [];
    for (const f of this.fixtures) {
      const branches = new Map<string, GitCommit[]>();
      for (const [name, commits] of Object.entries(f.branches)) {
        const out: GitCommit[] = [];
        for (const c of commits) out.push(commitOf(out[out.length - 1]?.hash ?? '', c.message, c.files));
        branches.set(name, out);
      }
      this.repos.set(repoKey(f.url), { url: f.url, defaultBranch: f.defaultBranch, branches });
    }
  }

  private apply(change: GitPush): GitCommit {
    const repo = this.repos.get(repoKey(change.url));
    if (!repo) throw new Error(`git push: no repository ${change.url}`);
    let history = repo.branches.get(change.branch);
    if (!history) {
      const base = repo.branches.get(repo.defaultBranch) ?? [];
      history = base.length ? [base[base.length - 1]!] : [];
      repo.branches.set(change.branch, history);
    }
    const files = { ...(history[history.length - 1]?.files ?? {}) };
    for (const [path, content] of Object.entries(change.files)) {
      if (content === null) delete files[path];
      else files[path] = content;
    }
    const commit = commitOf(history[history.length - 1]?.hash ?? '', change.message, files);
    history.push(commit);
    return commit;
  }

  private repo(url: string): Repo | RemoteFailure {
    const found = this.repos.get(repoKey(url));
    if (found) return found;
    const https = /^(https?):\/\/([^/:]+)(?::\d+)?(\/.*)?$/i.exec(url);
    if (https) {
      const host = https[2]!.toLowerCase();
      // git http.c: curl's error for the repository URL with a slash appended
      if (!KNOWN_HOSTS.includes(host)) return { stderr: `fatal: unable to access '${url.replace(/\/?$/, '/')}': Could not resolve host: ${host}\n` };
      // credential.c credential_ask_one: GitHub's 401 makes git ask for a username, with no terminal to ask on
      return { stderr: `fatal: could not read Username for '${https[1]!.toLowerCase()}://${host}': No such device or address\n` };
    }
    if (/^(ssh:\/\/|git@)/.test(url)) {
      // ssh with no known_hosts entry, then connect.c's advice
      return { stderr: 'Host key verification failed.\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n' };
    }
    // transport.c: a local path that is not a repository
    return { stderr: `fatal: repository '${url}' does not exist\n` };
  }
}

/** `https://GitHub.com/a/b.git/` and `https://github.com/a/b` are one repository. */
function repoKey(url: string): string {
  return url.toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
}

function commitOf(parent: string, message: string, files: Record<string, string>): GitCommit {
  const tree = Object.keys(files).sort().map((p) => `${p}\0${files[p]}`).join('\0');
  return { hash: hash40(`${parent}\n${message}\n${tree}`), message, files: { ...files } };
}

/** 40 hex digits from text (FNV-1a rounds with a final mix): a stand-in for SHA-1 object ids. */
export function hash40(text: string): string {
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    let h = 2166136261 ^ Math.imul(round, 0x9e3779b1);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    out += ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
