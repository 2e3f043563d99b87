import { describe, expect, it } from 'vitest';
import { splitCommands, splitWords } from './words';

describe('splitWords / splitCommands', () => {
  it('splits on blanks, groups quotes, keeps escapes', () => {
    expect(splitWords(`get pod web -o 'jsonpath={.a b}' "x\\"y" a\\ b`)).toEqual(['get', 'pod', 'web', '-o', 'jsonpath={.a b}', 'x"y', 'a b']);
  });

  it('separates commands at | ; && || & and stops at a comment', () => {
    expect(splitCommands('kubectl logs web -p | tail -3; k get pods && echo ok || true & # note')).toEqual([
      ['kubectl', 'logs', 'web', '-p'],
      ['tail', '-3'],
      ['k', 'get', 'pods'],
      ['echo', 'ok'],
      ['true'],
    ]);
    expect(splitCommands("echo 'a | b'")).toEqual([['echo', 'a | b']]);
  });
});
