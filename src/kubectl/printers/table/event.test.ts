import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/index';
import { eventsCommandCells, eventsCommandHeader } from './event';

const NOW = Date.parse('2026-11-21T12:10:00Z');
const ev = (e: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-11-21T12:00:00Z' }, involvedObject: { kind: 'Pod', name: 'web' }, type: 'Warning', reason: 'BackOff', message: ' Back-off restarting failed container ', ...e }) as KubeObject;

describe('kubectl events (pkg/cmd/events/event_printer.go)', () => {
  it('shows "(xN over ...)" for repeated events and keeps the kind case', () => {
    expect(eventsCommandCells(ev({ firstTimestamp: '2026-11-21T12:00:00Z', lastTimestamp: '2026-11-21T12:08:00Z', count: 6 }), { now: NOW }, false))
      .toEqual(['2m (x6 over 10m)', 'Warning', 'BackOff', 'Pod/web', 'Back-off restarting failed container']);
    expect(eventsCommandCells(ev({ eventTime: '2026-11-21T12:09:30.000000Z', series: { count: 3, lastObservedTime: '2026-11-21T12:09:55.000000Z' } }), { now: NOW }, true))
      .toEqual(['default', '5s (x3 over 30s)', 'Warning', 'BackOff', 'Pod/web', 'Back-off restarting failed container']);
    expect(eventsCommandCells(ev({ firstTimestamp: '2026-11-21T12:09:00Z', count: 1 }), { now: NOW }, false)[0]).toBe('60s');
  });

  it('has its own header, with NAMESPACE for -A', () => {
    expect(eventsCommandHeader(true)).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  });
});
