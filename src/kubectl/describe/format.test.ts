import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../engine/index';
import { describeProbe } from './containers';
import { describeEvents } from './events';
import {
  byteLength, formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, printTolerationsMultiline,
  shorten, translateTimestampSince,
} from './format';
import { tabbedString } from './prefix-writer';
import { podQOS } from './qos';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('time formatting', () => {
  it('RFC1123Z in UTC; a missing time is Go\'s zero time', () => {
    expect(formatRFC1123Z('2026-11-21T09:05:03Z')).toBe('Sat, 21 Nov 2026 09:05:03 +0000');
    expect(formatRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it('translateTimestampSince: HumanDuration, <unknown> for no time, <invalid> in the future', () => {
    expect(translateTimestampSince(ago(95_000), NOW)).toBe('95s');
    expect(translateTimestampSince(ago(130_000), NOW)).toBe('2m10s');
    expect(translateTimestampSince(null, NOW)).toBe('<unknown>');
    expect(translateTimestampSince(ago(-30_000), NOW)).toBe('<invalid>');
  });
});

describe('multi-line printers', () => {
  it('labels sorted, continuation lines aligned, <none> when empty', () => {
    const out = tabbedString((w) => {
      printLabelsMultiline(w, 'Labels', { tier: 'fe', app: 'web' });
      printLabelsMultiline(w, 'Node-Selectors', {});
    });
    expect(out).toBe('Labels:          app=web\n                 tier=fe\nNode-Selectors:  <none>\n');
  });

  it('annotations: last-applied-configuration hidden, long or multi-line values under the key', () => {
    const long = 'v'.repeat(140);
    const out = tabbedString((w) => printAnnotationsMultiline(w, 'Annotations', {
      'kubectl.kubernetes.io/last-applied-configuration': '{}', b: 'two\nlines\n', a: long, c: 'short',
    }));
    expect(out).toBe(`Annotations:  a:\n                ${'v'.repeat(138)}...\n              b:\n                two\n                lines\n              c: short\n`);
    expect(tabbedString((w) => printAnnotationsMultiline(w, 'Annotations', { 'kubectl.kubernetes.io/last-applied-configuration': '{}' })))
      .toBe('Annotations:  <none>\n');
  });

  it('tolerations: key[=value][:effect], op=Exists, seconds; sorted by key', () => {
    const out = tabbedString((w) => printTolerationsMultiline(w, 'Tolerations', [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Exists' },
    ]));
    expect(out).toBe('Tolerations:  op=Exists\n              dedicated op=Exists\n              gpu=true:NoSchedule\n' +
      '              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
  });

  it('taints sorted by effect then key', () => {
    const out = tabbedString((w) => printTaintsMultiline(w, 'Taints', [
      { key: 'b', effect: 'NoSchedule' }, { key: 'a', value: '1', effect: 'PreferNoSchedule' }, { key: 'z', effect: 'NoExecute' },
    ]));
    expect(out).toBe('Taints:  z:NoExecute\n         b:NoSchedule\n         a=1:PreferNoSchedule\n');
  });

  it('shorten and lengths count UTF-8 bytes, as Go does', () => {
    expect(byteLength('héllo')).toBe(6);
    expect(shorten('abcdef', 4)).toBe('abcd...');
    expect(shorten('ééé', 4)).toBe('éé...');
    expect(shorten('abc', 4)).toBe('abc');
  });
});

describe('describeEvents', () => {
  const ev = (e: Partial<Event>): Event => ({ involvedObject: {}, metadata: {}, ...e }) as Event;

  it('sorts by lastTimestamp (missing first) and formats counts and series', () => {
    const out = tabbedString((w) => describeEvents([
      ev({ type: 'Warning', reason: 'BackOff', count: 52, firstTimestamp: ago(660_000), lastTimestamp: ago(11_000), source: { component: 'kubelet' }, message: '  Back-off  ' }),
      ev({ type: 'Normal', reason: 'Pulled', count: 1, firstTimestamp: ago(92_000), lastTimestamp: ago(92_000), source: { component: 'kubelet' }, message: 'ok' }),
      ev({ type: 'Warning', reason: 'FailedScheduling', eventTime: ago(201_000), series: { count: 3, lastObservedTime: ago(21_000) }, reportingComponent: 'default-scheduler', message: 'no' }),
    ], w, NOW));
    expect(out).toBe([
      'Events:',
      '  Type     Reason            Age                  From               Message',
      '  ----     ------            ----                 ----               -------',
      '  Warning  FailedScheduling  21s (x3 over 3m21s)  default-scheduler  no',
      '  Normal   Pulled            92s                  kubelet            ok',
      '  Warning  BackOff           11s (x52 over 11m)   kubelet            Back-off',
      '',
    ].join('\n'));
  });

  it('no events: one aligned line; an event with no times shows <unknown>', () => {
    expect(tabbedString((w) => describeEvents([], w, NOW))).toBe('Events:  <none>\n');
    expect(tabbedString((w) => describeEvents([ev({ type: 'Normal', reason: 'X', message: 'm' })], w, NOW)))
      .toContain('  Normal  X       <unknown>        m\n');
  });
});

describe('describeProbe', () => {
  it('formats every handler like DescribeProbe', () => {
    const attrs = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    expect(describeProbe({ ...attrs, httpGet: { port: 8080, path: '/healthy', scheme: 'HTTP' } }))
      .toBe('http-get http://:8080/healthy delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ ...attrs, initialDelaySeconds: 5, tcpSocket: { port: 'db' } }))
      .toBe('tcp-socket :db delay=5s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ ...attrs, exec: { command: ['cat', '/tmp/ready'] } }))
      .toBe('exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ ...attrs })).toBe('unknown delay=0s timeout=1s period=10s #success=1 #failure=3');
  });
});

describe('podQOS', () => {
  const pod = (resources: object[], qosClass?: string): Pod =>
    ({ spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) }, status: qosClass ? { qosClass } : {} }) as Pod;

  it('status.qosClass wins; otherwise computed from cpu and memory', () => {
    expect(podQOS(pod([{}], 'Guaranteed'))).toBe('Guaranteed');
    expect(podQOS(pod([{}, { requests: { 'ephemeral-storage': '1Gi' } }]))).toBe('BestEffort');
    const exact = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } };
    expect(podQOS(pod([exact, exact]))).toBe('Guaranteed');
    expect(podQOS(pod([exact, { requests: { cpu: '100m' } }]))).toBe('Burstable');
    expect(podQOS(pod([{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } }]))).toBe('Burstable');
  });
});
