import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSONPath, JSONPathExecError } from './eval';
import { JSONPathParseError, parseJSONPath } from './parser';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'x', 'k8s.io/role': 'web' } }, spec: { n: 1, f: 1.5, ok: true, none: null, tags: ['t1', 't2'] } },
    { metadata: { name: 'b', labels: { app: 'y' } }, spec: { n: 2, f: 0.25, ok: false, tags: [] } },
    { metadata: { name: 'c' }, spec: { n: 3, tags: ['t3'] } },
  ],
};

const run = (t: string, allowMissingKeys = true): string => JSONPath.parse(t, { allowMissingKeys }).execute(data);

describe('jsonpath evaluation (client-go util/jsonpath)', () => {
  it('fields, wildcards, indices, negative indices and slices', () => {
    expect(run('{.items[*].metadata.name}')).toBe('a b c');
    expect(run('{.items[-1].metadata.name}')).toBe('c');
    expect(run('{.items[0:2].metadata.name}')).toBe('a b');
    expect(run('{.items[::2].metadata.name}')).toBe('a c');
    expect(run('{.items[1:1].metadata.name}')).toBe('');
    expect(run('{$.kind}')).toBe('List');
  });

  it('prints scalars with Go formatting, containers as JSON, nil as null', () => {
    expect(run('{.items[0].spec.n} {.items[0].spec.f} {.items[0].spec.ok} {.items[0].spec.none}')).toBe('1 1.5 true null');
    expect(run('{.items[0].spec.tags}')).toBe('["t1","t2"]');
    expect(run('{.items[0].metadata.labels}')).toBe('{"app":"x","k8s.io/role":"web"}');
  });

  it('filters with comparisons and existence', () => {
    expect(run('{.items[?(@.spec.n>1)].metadata.name}')).toBe('b c');
    expect(run('{.items[?(@.spec.n<=2)].metadata.name}')).toBe('a b');
    expect(run('{.items[?(@.metadata.labels.app=="y")].metadata.name}')).toBe('b');
    expect(run("{.items[?(@.metadata.labels.app!='x')].metadata.name}")).toBe('b');
    expect(run('{.items[?(@.spec.f)].metadata.name}')).toBe('a b');
    expect(run('{.items[?(@.spec.ok==true)].metadata.name}')).toBe('a');
  });

  it('ranges (nested), unions, escaped dots and recursive descent', () => {
    expect(run('{range .items[*]}[{.metadata.name}:{range .spec.tags[*]}{@},{end}]{end}')).toBe('[a:t1,t2,][b:][c:t3,]');
    expect(run('{.items[0].metadata[\'name\',\'labels\']}')).toBe('a {"app":"x","k8s.io/role":"web"}');
    expect(run('{.items[0].metadata.labels.k8s\\.io/role}')).toBe('web');
    expect(run('{..labels.app}')).toBe('x y');
    expect(() => run('{..tags[0]}')).toThrow('array index out of bounds: index 0, length 0');
  });

  it('missing keys: nothing by default, "x is not found" when not allowed', () => {
    expect(run('{.items[*].nope}')).toBe('');
    expect(() => run('{.nope}', false)).toThrow(new JSONPathExecError('nope is not found'));
  });

  it('execution errors as client-go words them', () => {
    expect(() => run('{.items[5]}')).toThrow('array index out of bounds: index 5, length 3');
    expect(() => run('{.kind[0]}')).toThrow('string is not array or slice');
    expect(() => run('{.items[::0]}')).toThrow('step must be > 0');
    expect(() => run('{end}')).toThrow('not in range, nothing to end');
    expect(() => run('{.items[?(@.spec.n=="1")]}')).toThrow('incompatible types for comparison');
    expect(() => run('{.kind[?(@.a)]}')).toThrow('List is not array or slice and cannot be filtered');
    expect(() => run('{foo}')).toThrow('unrecognized identifier foo');
  });

  it('jsonpath-as-json wraps each result group in an indented array', () => {
    expect(JSONPath.parse('{.items[0:2].metadata.name}', { outputJSON: true }).execute(data)).toBe('[\n    "a",\n    "b"\n]\n');
  });
});

describe('jsonpath parsing', () => {
  it('reports parser.go errors', () => {
    const err = (t: string): string => { try { parseJSONPath(t); return ''; } catch (e) { return (e as Error).message; } };
    expect(err('{.a')).toBe('unclosed action');
    expect(err('{.a[}')).toBe('unterminated array');
    expect(err('{.a[x]}')).toBe('invalid array index x');
    expect(err('{.a[?(@.b=="c"}')).toBe('unterminated filter');
    expect(err('{"abc}')).toBe('unterminated quoted string');
    expect(err('{%}')).toBe("unrecognized character in action: U+0025 '%'");
    expect(err('{....a}')).toBe('invalid multiple recursive descent');
    expect(err('{1.2.3}')).toBe('cannot parse number 1.2.3');
  });

  it('never throws anything but its own errors on arbitrary templates (property)', () => {
    const alphabet = fc.constantFrom(...'{}[]()?@$.,:*\'"\\=!<> -_abc019\n\t'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (t) => {
      let path: JSONPath;
      try {
        path = JSONPath.parse(t);
      } catch (e) {
        expect(e).toBeInstanceOf(JSONPathParseError);
        return;
      }
      try {
        path.execute(data);
      } catch (e) {
        expect(e).toBeInstanceOf(JSONPathExecError);
      }
    }), { numRuns: 3000 });
  });
});
