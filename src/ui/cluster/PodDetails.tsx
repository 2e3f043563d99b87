// The details of one pod: `kubectl describe pod` and `kubectl get pod -o yaml`, run silently
// against the cluster and refreshed whenever the cluster changes.
import { useEffect, useRef, useState } from 'react';
import { runKubectlCaptured } from '../../kubectl';
import type { World } from '../../state';

type Tab = 'describe' | 'yaml';

const TABS: { id: Tab; label: string }[] = [
  { id: 'describe', label: 'Describe' },
  { id: 'yaml', label: 'YAML' },
];

function argvFor(tab: Tab, namespace: string, name: string): string[] {
  return tab === 'describe' ? ['describe', 'pod', name, '-n', namespace] : ['get', 'pod', name, '-n', namespace, '-o', 'yaml'];
}

interface PodDetailsProps {
  world: World;
  version: number;
  namespace: string;
  name: string;
  onClose: () => void;
}

export function PodDetails({ world, version, namespace, name, onClose }: PodDetailsProps) {
  const [tab, setTab] = useState<Tab>('describe');
  const [output, setOutput] = useState<{ text: string; error: boolean } | undefined>();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // a newer change supersedes this run: its answer is dropped
    let current = true;
    runKubectlCaptured(world.cluster.api, argvFor(tab, namespace, name), { now: () => world.now() }).then(
      (res) => current && setOutput({ text: res.code === 0 ? res.stdout : res.stderr || res.stdout, error: res.code !== 0 }),
      (e: unknown) => current && setOutput({ text: e instanceof Error ? e.message : String(e), error: true }),
    );
    return () => {
      current = false;
    };
  }, [world, version, tab, namespace, name]);

  useEffect(() => closeRef.current?.focus(), [namespace, name]);

  return (
    <aside className="details" aria-labelledby="details-heading">
      <div className="details-head">
        <h3 id="details-heading" className="details-title">
          Pod {name} <span className="muted">({namespace})</span>
        </h3>
        <div className="tabs details-tabs" role="tablist" aria-label="Pod details">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`details-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="details-panel"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button ref={closeRef} type="button" className="details-close" aria-label="Close pod details (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <pre id="details-panel" role="tabpanel" aria-labelledby={`details-tab-${tab}`} tabIndex={0} className={output?.error ? 'details-out error' : 'details-out'} data-testid="pod-details">
        {output ? output.text : 'Loading…'}
      </pre>
    </aside>
  );
}
