import { describe, expect, it } from 'vitest';
import { GENERIC_FORMATS, parseOutputFormat } from './output-format';

describe('-o parsing', () => {
  it('recognises every format and takes the argument after "="', () => {
    expect(parseOutputFormat({ output: '' })).toEqual({ kind: 'table', wide: false });
    expect(parseOutputFormat({ output: 'wide' })).toEqual({ kind: 'table', wide: true });
    expect(parseOutputFormat({ output: 'yaml' })).toEqual({ kind: 'yaml' });
    expect(parseOutputFormat({ output: 'name' })).toEqual({ kind: 'name' });
    expect(parseOutputFormat({ output: 'jsonpath={.a=b}' })).toEqual({ kind: 'jsonpath', template: '{.a=b}', asJSON: false });
    expect(parseOutputFormat({ output: 'jsonpath-as-json={.a}' })).toEqual({ kind: 'jsonpath', template: '{.a}', asJSON: true });
    expect(parseOutputFormat({ output: 'jsonpath-file=/tmp/t' })).toEqual({ kind: 'jsonpath-file', file: '/tmp/t' });
    expect(parseOutputFormat({ output: 'template={{.a}}' })).toEqual({ kind: 'go-template', template: '{{.a}}' });
    expect(parseOutputFormat({ output: 'templatefile=t.tpl' })).toEqual({ kind: 'go-template-file', file: 't.tpl' });
    expect(parseOutputFormat({ output: 'custom-columns=A:.a' })).toEqual({ kind: 'custom-columns', spec: 'A:.a' });
    expect(parseOutputFormat({ output: 'go-template', template: '{{.a}}' })).toEqual({ kind: 'go-template', template: '{{.a}}' });
  });

  it('rejects unknown formats with the allowed list, per command', () => {
    expect(() => parseOutputFormat({ output: 'xml' })).toThrow('unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml');
    expect(() => parseOutputFormat({ output: 'wide', allowed: GENERIC_FORMATS })).toThrow('allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml');
    // with --template, "-o jsonpath=..." is not a format name
    expect(() => parseOutputFormat({ output: 'jsonpath={.a}', template: '{.b}' })).toThrow('output format "jsonpath={.a}"');
  });

  it('asks for the missing template', () => {
    expect(() => parseOutputFormat({ output: 'jsonpath' })).toThrow('template format specified but no template given');
    expect(() => parseOutputFormat({ output: 'go-template=' })).toThrow('template format specified but no template given');
    expect(() => parseOutputFormat({ output: 'custom-columns-file=' })).toThrow('custom-columns format specified but no custom columns given');
  });
});
