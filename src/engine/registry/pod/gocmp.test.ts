import { describe, it, expect } from 'vitest';
import { goCmpDiff, goQuote } from './gocmp-report';
import { goType, jsonName, toInternalPodSpec } from './gotypes';
import { DiffStats } from './gocmp-text';

describe('go-cmp port', () => {
  it('is empty for equal values', () => {
    expect(goCmpDiff(goType('core.Container'), { name: 'a', image: 'x' }, { name: 'a', image: 'x' })).toBe('');
  });

  it('prints a removed slice element whole', () => {
    const t = goType('[]core.Toleration');
    const x = [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists', effect: 'NoSchedule' }];
    expect(goCmpDiff(t, x, [x[0]])).toBe([
      '  []core.Toleration{',
      '  \t{Key: "a", Operator: "Exists"},',
      '- \t{Key: "b", Operator: "Exists", Effect: "NoSchedule"},',
      '  }',
      '',
    ].join('\n'));
  });

  it('diffs maps entry by entry with aligned keys', () => {
    const t = goType('map[string]string');
    expect(goCmpDiff(t, { app: 'web', tier: 'fe', zone: 'a' }, { app: 'web', tier: 'be', zone: 'a' })).toBe([
      '  map[string]string{',
      '  \t"app":  "web",',
      '- \t"tier": "fe",',
      '+ \t"tier": "be",',
      '  \t"zone": "a",',
      '  }',
      '',
    ].join('\n'));
  });

  it('shows pointers with & and multi-line strings in triple quotes', () => {
    const t = goType('core.Probe');
    const diff = goCmpDiff(t, { exec: { command: ['sh', '-c', 'a\nb\nc\nd'] } }, { exec: { command: ['sh', '-c', 'a\nb\nc\nE'] } });
    expect(diff).toContain('  \tProbeHandler: core.ProbeHandler{\n  \t\tExec: &core.ExecAction{\n');
    expect(diff).toContain('- \t\t\t\t(\n- \t\t\t\t\t"""\n- \t\t\t\t\ta\n');
  });

  it('summarises elided records like diffStats.String', () => {
    expect(new DiffStats('field', 0, 3).toString()).toBe('3 identical fields');
    expect(new DiffStats('entry', 0, 1, 2).toString()).toBe('1 identical and 2 removed entries');
    expect(new DiffStats('element', 1, 1, 1).toString()).toBe('1 ignored, 1 identical, and 1 removed elements');
  });

  it('names fields like the JSON tags', () => {
    expect(['DNSPolicy', 'HostIPC', 'HTTPGet', 'SELinuxOptions', 'TTY', 'APIVersion', 'FSGroup'].map(jsonName))
      .toEqual(['dnsPolicy', 'hostIPC', 'httpGet', 'seLinuxOptions', 'tty', 'apiVersion', 'fsGroup']);
  });

  it('moves host namespaces into the internal security context', () => {
    expect(toInternalPodSpec({ hostNetwork: true, serviceAccount: 'x', serviceAccountName: 'x', securityContext: { runAsUser: 1 } }))
      .toEqual({ serviceAccountName: 'x', securityContext: { runAsUser: 1, hostNetwork: true } });
  });

  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\x01"');
  });
});
