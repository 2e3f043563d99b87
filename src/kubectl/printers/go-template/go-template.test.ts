import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CmdError } from '../../errors';
import { GoTemplatePrinter } from '../go-template';
import { goSprintf } from './printf';

const pod = {
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
  spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }], n: 3, f: 0.5, none: null },
  data: { key: 'aGVsbG8=' },
};
const out = (t: string, allowMissingKeys?: boolean): string => {
  const r = new GoTemplatePrinter(t, { allowMissingKeys }).print(pod);
  if (r.error) throw r.error;
  return r.stdout;
};

describe('go-template (text/template subset)', () => {
  it('fields, missing values and nil', () => {
    expect(out('{{.metadata.name}} {{.metadata.nope}} {{.spec.none}} {{.spec.n}} {{.spec.f}}')).toBe('web <no value> <nil> 3 0.5');
    expect(out('{{.metadata.labels}}')).toBe('map[app:web tier:fe]');
  });

  it('range over lists and maps (sorted keys), with variables and else', () => {
    expect(out('{{range .spec.containers}}{{.name}}={{.image}};{{end}}')).toBe('a=nginx;b=redis;');
    expect(out('{{range $k, $v := .metadata.labels}}{{$k}}:{{$v}} {{end}}')).toBe('app:web tier:fe ');
    expect(out('{{range $i, $c := .spec.containers}}{{$i}}{{$c.name}}{{end}}')).toBe('0a1b');
    expect(out('{{range .nope}}x{{else}}empty{{end}}')).toBe('empty');
    expect(out('{{$n := .metadata.name}}{{range .spec.containers}}{{$n}}/{{.name}} {{end}}')).toBe('web/a web/b ');
  });

  it('if / else if / else, with, comparisons and logic', () => {
    expect(out('{{if eq .metadata.name "db"}}db{{else if eq .metadata.name "web" "x"}}web{{else}}other{{end}}')).toBe('web');
    expect(out('{{with .metadata.labels}}{{.tier}}{{end}}{{with .nope}}x{{else}}-{{end}}')).toBe('fe-');
    expect(out('{{if and (gt .spec.n 2) (lt .spec.f 1.0) (not .spec.none)}}yes{{end}}')).toBe('yes');
    expect(out('{{or .nope .metadata.name}} {{and 1 0}} {{ne .spec.n 3}}')).toBe('web 0 false');
  });

  it('len, index, printf, print, println, exists, base64decode', () => {
    expect(out('{{len .spec.containers}} {{len .metadata.name}} {{index .spec.containers 1 "image"}} {{index .metadata.labels "x"}}')).toBe('2 3 redis <nil>');
    expect(out('{{printf "%s has %d containers (%v) %q %5.2f|%-4s|" .metadata.name (len .spec.containers) .spec.f .kind .spec.f "ab"}}'))
      .toBe('web has 2 containers (0.5) "Pod"  0.50|ab  |');
    expect(out('{{print "a" 1 2 "b"}}|{{println 1 "x"}}')).toBe('a1 2b|1 x\n');
    expect(out('{{exists . "spec" "containers" 1}} {{exists . "spec" "none"}} {{base64decode .data.key}}')).toBe('true false hello');
    expect(out('{{.metadata.name | printf "<%s>"}}')).toBe('<web>');
  });

  it('trims whitespace around {{- and -}} and drops comments', () => {
    expect(out('a  {{- .kind -}}  \n b {{/* note */}}c')).toBe('aPodb c');
    expect(out('[ {{- .kind   -}} ] {{-3}}')).toBe('[Pod] -3');
  });

  it('execution errors name the template position and node', () => {
    const r = new GoTemplatePrinter('x{{.metadata.x.y}}', { allowMissingKeys: false }).print(pod);
    expect(r.stdout.startsWith('xError executing template: template: output:1:12: executing "output" at <.metadata.x.y>: map has no entry for key "x".')).toBe(true);
    expect(r.error?.message).toBe('error executing template "x{{.metadata.x.y}}": template: output:1:12: executing "output" at <.metadata.x.y>: map has no entry for key "x"');
    expect(() => out('{{.metadata.name.x}}')).toThrow('can\'t evaluate field x in type interface {}');
    expect(() => out('{{.spec.none.x}}')).toThrow('nil pointer evaluating interface {}.x');
    expect(() => out('{{len .spec.n}}')).toThrow('at <len .spec.n>: error calling len: len of type int64');
    expect(() => out('{{eq .spec.n "3"}}')).toThrow('error calling eq: incompatible types for comparison');
    expect(() => out('{{not}}')).toThrow('wrong number of args for not: want 1 got 0');
  });

  it('parse errors as text/template reports them', () => {
    const err = (t: string): string => { try { new GoTemplatePrinter(t); return ''; } catch (e) { return (e as Error).message; } };
    expect(err('{{.x')).toBe('error parsing template {{.x, template: output:1: unclosed action');
    expect(err('{{nope}}')).toBe('error parsing template {{nope}}, template: output:1: function "nope" not defined');
    expect(err('{{end}}')).toBe('error parsing template {{end}}, template: output:1: unexpected {{end}}');
    expect(err('{{if .a}}x')).toBe('error parsing template {{if .a}}x, template: output:1: unexpected EOF');
    expect(err('{{$x}}')).toBe('error parsing template {{$x}}, template: output:1: undefined variable "$x"');
    expect(err('a\n{{#}}')).toBe("error parsing template a\n{{#}}, template: output:2: unrecognized character in action: U+0023 '#'");
  });
});

describe('printf', () => {
  it('formats verbs, widths and fmt\'s in-band errors', () => {
    expect(goSprintf('%d|%5d|%-5d|%05d|%x|%X|%#x|%c|%t|%%', [42, 42, 42, -42, 255, 255, 255, 65, true])).toBe('42|   42|42   |-0042|ff|FF|0xff|A|true|%');
    expect(goSprintf('%s %d', ['a'])).toBe('a %!d(MISSING)');
    expect(goSprintf('%d', ['a'])).toBe('%!d(string=a)');
    expect(goSprintf('%s', ['a', 1])).toBe('a%!(EXTRA int64=1)');
    expect(goSprintf('%e %g %.1f %T', [1.5, 0.25, 2.25, 'x'])).toBe('1.500000e+00 0.25 2.2 string');
  });
});

describe('robustness', () => {
  it('any template either prints or fails with a CmdError (property)', () => {
    const pieces = fc.constantFrom('{{', '}}', '{{-', '-}}', '.', '.metadata', '.name', '$', '$x', ':=', '=', '|', '(', ')', ' ', '"s"', '`r`', '1', '1.5', 'if', 'else', 'end', 'range', 'with', 'len', 'index', 'printf', 'eq', 'and', 'nil', 'true', '/*', '*/', 'x', '\n');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 25 }).map((a) => a.join('')), (t) => {
      try {
        const r = new GoTemplatePrinter(t).print(pod);
        if (r.error) expect(r.error).toBeInstanceOf(CmdError);
      } catch (e) {
        expect(e).toBeInstanceOf(CmdError);
      }
    }), { numRuns: 3000 });
  });
});
