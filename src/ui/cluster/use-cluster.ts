// React bindings for the cluster view: the model re-built only when an object changed
// (world.version), and clock-driven text (ages, countdowns) that re-renders only the small
// component showing it, and only when its text changes. Both are sampled once per frame.
import { useMemo, useSyncExternalStore } from 'react';
import { useWorld, type World } from '../../state';
import { humanDuration } from '../../shared/duration';
import { buildClusterModel, type ClusterModel } from './cluster-model';
import { eventRows, type EventRow } from './events-model';
import { frameStore } from './frame-store';

/** world.version: changes when any object in the cluster changes, not when only the clock moves. */
export function useWorldVersion(world: World): number {
  const store = frameStore(world);
  return useSyncExternalStore(store.subscribe, store.version);
}

export function useClusterModel(world: World, version: number): ClusterModel {
  return useMemo(() => {
    void version;
    const store = world.cluster.store;
    return buildClusterModel(store.list('nodes'), store.list('pods'));
  }, [world, version]);
}

export function useEventRows(world: World, version: number): EventRow[] {
  return useMemo(() => {
    void version;
    return eventRows(world.cluster.store.list('events'));
  }, [world, version]);
}

/** Text derived from the cluster clock; the component re-renders when the text changes. */
export function useClockText(text: (now: number) => string): string {
  const store = frameStore(useWorld());
  return useSyncExternalStore(store.subscribe, () => text(store.now()));
}

/** kubectl's AGE for a time (epoch ms), following the clock. */
export function useAge(since: number): string {
  return useClockText((now) => (Number.isNaN(since) ? '<unknown>' : humanDuration(now - since)));
}
