import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CmdError } from '../errors';
import { CustomColumnsPrinter, parseCustomColumnsSpec, parseCustomColumnsTemplate, relaxedJSONPathExpression } from './custom-columns';

const list = {
  kind: 'List', apiVersion: 'v1',
  items: [
    { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx' }, { image: 'redis' }] } },
    { metadata: { name: 'db' }, spec: { containers: [{ image: 'postgres' }] } },
  ],
};

describe('custom columns', () => {
  it('accepts the relaxed path forms', () => {
    for (const e of ['a.b', '.a.b', '{a.b}', '{.a.b}']) expect(relaxedJSONPathExpression(e)).toBe('{.a.b}');
    expect(() => relaxedJSONPathExpression('{a}{b}')).toThrow("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  });

  it('prints one row per item: values joined by commas, <none> when missing, Go %v for maps', () => {
    const p = new CustomColumnsPrinter(parseCustomColumnsSpec('NAME:.metadata.name,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels'));
    expect(p.print(list)).toBe(
      'NAME   IMAGES        LABELS\n' +
      'web    nginx,redis   map[app:web]\n' +
      'db     postgres      <none>\n');
    expect(new CustomColumnsPrinter(parseCustomColumnsSpec('N:.metadata.name'), true).print(list.items[1])).toBe('db\n');
  });

  it('reads a columns file: a header line and a spec line', () => {
    expect(parseCustomColumnsTemplate('NAME   IMAGE\n.metadata.name  .spec.containers[0].image\n'))
      .toEqual([{ header: 'NAME', fieldSpec: '{.metadata.name}' }, { header: 'IMAGE', fieldSpec: '{.spec.containers[0].image}' }]);
    expect(() => parseCustomColumnsTemplate('')).toThrow('invalid template, missing header line.');
    expect(() => parseCustomColumnsTemplate('NAME\n')).toThrow('invalid template, missing spec line.');
    expect(() => parseCustomColumnsTemplate('A B\n.a\n')).toThrow("number of headers (2) and field specifications (1) don't match");
  });

  it('spec errors are kubectl\'s', () => {
    expect(() => parseCustomColumnsSpec('')).toThrow('custom-columns format specified but no custom columns given');
    expect(() => parseCustomColumnsSpec('NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  });

  it('never fails with anything but a CmdError on arbitrary specs (property)', () => {
    const alphabet = fc.constantFrom(...'{}[]?@.,:*\'"=<> abc01'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (spec) => {
      try {
        new CustomColumnsPrinter(parseCustomColumnsSpec(spec)).print(list);
      } catch (e) {
        expect(e).toBeInstanceOf(CmdError);
      }
    }), { numRuns: 2000 });
  });
});
