import { describe, expect, it } from 'vitest';
import { fromLabelSelector, matches, parseFieldSelector, parseLabelSelector, selectorString } from './selectors';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend', version: '3' };

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['app in (web,db)', true],
    ['app notin (web)', false],
    ['tier,app=web', true],
    ['!tier', false],
    ['!missing', true],
    ['missing', false],
    ['missing!=x', true],
    ['version>2', true],
    ['version<3', false],
    ['app = web , tier in ( frontend )', true],
  ])('%s → %s', (sel, want) => {
    expect(matches(parseLabelSelector(sel), labels)).toBe(want);
  });

  it('rejects malformed selectors with a BadRequest', () => {
    expect(() => parseLabelSelector('app in web')).toThrow(/unable to parse requirement/);
    expect(() => parseLabelSelector('=web')).toThrow(/unable to parse requirement/);
  });

  it('converts metav1.LabelSelector (matchLabels and matchExpressions)', () => {
    const sel = fromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }, { key: 'canary', operator: 'DoesNotExist' }],
    });
    expect(matches(sel, labels)).toBe(true);
    expect(matches(sel, { ...labels, canary: 'true' })).toBe(false);
    expect(selectorString(sel)).toBe('app=web,tier in (edge,frontend),!canary');
  });
});

describe('field selectors', () => {
  it('parses =, == and !=', () => {
    expect(parseFieldSelector('status.phase=Running,spec.nodeName!=minikube,metadata.name==web')).toEqual([
      { field: 'status.phase', op: '=', value: 'Running' },
      { field: 'spec.nodeName', op: '!=', value: 'minikube' },
      { field: 'metadata.name', op: '=', value: 'web' },
    ]);
  });
});
