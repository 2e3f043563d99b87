import { describe, expect, it } from 'vitest';
import { marshalYAML, printYAML, resolvesToString } from './yaml';

describe('YAML as sigs.k8s.io/yaml (go-yaml v2) writes it', () => {
  it('quotes strings YAML 1.1 would read as something else', () => {
    for (const s of ['true', 'y', 'No', 'on', 'OFF', '~', 'null', '', '123', '0x1F', '1e3', '.5', '1:20', '2024-03-09', '2026-11-21T12:00:00Z', '<<', '+1', '1_000']) {
      expect(resolvesToString(s), s).toBe(false);
    }
    for (const s of ['web', 'yes-no', '1.2.3', '10.244.0.3', '2024-13-45', 'v1.32.0', '-dash', '.hidden', '80/TCP']) {
      expect(resolvesToString(s), s).toBe(true);
    }
    expect(marshalYAML({ a: 'true', b: '8080', c: '' })).toBe('a: "true"\nb: "8080"\nc: ""\n');
  });

  it('single-quotes what a plain scalar cannot start or contain, double-quotes control characters', () => {
    expect(marshalYAML({ a: '*x', b: 'k: v', c: 'a #b', d: ' lead', e: "it's: x", f: 'tab\there', g: 'bell\x07' }))
      .toBe("a: '*x'\nb: 'k: v'\nc: 'a #b'\nd: ' lead'\ne: 'it''s: x'\nf: \"tab\\there\"\ng: \"bell\\a\"\n");
  });

  it('writes multi-line strings as literal blocks with chomping indicators', () => {
    expect(marshalYAML({ s: 'a\nb\n' })).toBe('s: |\n  a\n  b\n');
    expect(marshalYAML({ s: 'a\nb' })).toBe('s: |-\n  a\n  b\n');
    expect(marshalYAML({ s: 'a\n\n' })).toBe('s: |+\n  a\n\n');
    expect(marshalYAML({ s: ' a\nb' })).toBe('s: |2-\n   a\n  b\n');
    expect(marshalYAML({ s: 'a \nb' })).toBe('s: "a \\nb"\n');
  });

  it('does not indent sequences under their key and sorts keys', () => {
    expect(marshalYAML({ spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }], b: [] }, a: {} }))
      .toBe('a: {}\nspec:\n  b: []\n  containers:\n  - image: x\n    name: a\n    ports:\n    - containerPort: 80\n');
    expect(marshalYAML({ m: [[1, 2], []] })).toBe('m:\n- - 1\n  - 2\n- []\n');
  });

  it('folds long plain and quoted scalars after column 80', () => {
    const long = 'word '.repeat(20).trim();
    // the break comes at the first space past column 80: fifteen words fit on the first line
    expect(marshalYAML({ message: long })).toBe(`message: ${'word '.repeat(14)}word\n  ${'word '.repeat(4)}word\n`);
  });

  it('formats numbers as Go does, quotes the key "n" (a YAML 1.1 bool), and separates documents', () => {
    expect(marshalYAML({ i: 5, f: 0.5, e: 1e-7, big: 1234567.5, n: null, t: true })).toBe('big: 1.2345675e+06\ne: 1e-07\nf: 0.5\ni: 5\n"n": null\nt: true\n');
    expect(printYAML({ a: 1 }, 1)).toBe('---\na: 1\n');
  });
});
