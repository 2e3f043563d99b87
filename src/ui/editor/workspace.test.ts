import { beforeEach, describe, expect, it } from 'vitest';
import { Clock, MemFS } from '../../engine';
import { checkNewName, createFile, displayName, isYamlPath, languageOf, listWorkspace, pathForShell } from './workspace';

let fs: MemFS;

beforeEach(() => {
  fs = new MemFS(new Clock(0));
  fs.mkdir('/root/b-dir/inner', { recursive: true });
  fs.writeFile('/root/b-dir/inner/deep.yaml', '');
  fs.writeFile('/root/a.yaml', '');
  fs.writeFile('/root/c.txt', '');
  fs.mkdir('/root/z-dir');
});

describe('listWorkspace', () => {
  it('lists folders first, then files, each folder followed by what it holds', () => {
    expect(listWorkspace(fs).map((e) => `${'  '.repeat(e.depth)}${e.name}${e.type === 'dir' ? '/' : ''}`)).toEqual([
      'b-dir/',
      '  inner/',
      '    deep.yaml',
      'z-dir/',
      'a.yaml',
      'c.txt',
    ]);
  });

  it('is empty when the workspace does not exist', () => {
    expect(listWorkspace(new MemFS(new Clock(0)))).toEqual([]);
  });
});

describe('checkNewName', () => {
  it('accepts a new name, also in a new or existing subfolder', () => {
    expect(checkNewName(fs, '/root', 'pod.yaml')).toBeUndefined();
    expect(checkNewName(fs, '/root', 'b-dir/new.yaml')).toBeUndefined();
    expect(checkNewName(fs, '/root', 'new-dir/x.yaml')).toBeUndefined();
  });

  it('explains what is wrong with a name', () => {
    expect(checkNewName(fs, '/root', '  ')).toBe('Type a file name.');
    expect(checkNewName(fs, '/root', 'a.yaml')).toBe('a.yaml already exists.');
    expect(checkNewName(fs, '/root', '../etc/passwd')).toMatch(/"\.\."/);
    expect(checkNewName(fs, '/root', 'x//y')).toMatch(/empty/);
    expect(checkNewName(fs, '/root', '/abs')).toBe('Give a file name, not a folder.');
    expect(checkNewName(fs, '/root', 'c.txt/x')).toBe('c.txt is a file, not a folder.');
  });
});

describe('createFile', () => {
  it('creates the folders on the way', () => {
    createFile(fs, '/root/new/sub/x.yaml');
    expect(fs.readFile('/root/new/sub/x.yaml')).toBe('');
  });
});

describe('names and paths', () => {
  it('shows workspace files relative to it, others in full', () => {
    expect(displayName('/root/b-dir/x.yaml')).toBe('b-dir/x.yaml');
    expect(displayName('/tmp/kubectl-edit-1.yaml')).toBe('/tmp/kubectl-edit-1.yaml');
  });

  it('knows YAML files by their extension', () => {
    expect(isYamlPath('/root/a.YML')).toBe(true);
    expect(isYamlPath('/root/a.yaml.bak')).toBe(false);
    expect(languageOf('/root/a.yaml')).toBe('yaml');
    expect(languageOf('/root/notes.txt')).toBe('plaintext');
  });

  it('gives Apply a path relative to the shell’s directory when it can, quoted when it must be', () => {
    expect(pathForShell('/root/pod.yaml', '/root')).toBe('pod.yaml');
    expect(pathForShell('/root/dir/pod.yaml', '/root')).toBe('dir/pod.yaml');
    expect(pathForShell('/root/pod.yaml', '/tmp')).toBe('/root/pod.yaml');
    expect(pathForShell('/root/pod.yaml', '/')).toBe('root/pod.yaml');
    expect(pathForShell('/root/my pod.yaml', '/root')).toBe(`'my pod.yaml'`);
    expect(pathForShell("/root/it's.yaml", '/root')).toBe(`'it'\\''s.yaml'`);
  });
});
