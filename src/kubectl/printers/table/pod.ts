// `kubectl get pods`: pkg/printers/internalversion/printers.go printPod (Kubernetes v1.32).
import type { ContainerStatus, Pod } from '../../../engine/index';
import { NAME_COLUMN, AGE_COLUMN, parseTime, translateTimestampSince, type PrintContext, type TableHandler } from './types';

// printers.go AddHandlers podColumnDefinitions (RESTARTS is a string column since 1.28)
const columns = [
  NAME_COLUMN,
  { name: 'Ready' },
  { name: 'Status' },
  { name: 'Restarts' },
  AGE_COLUMN,
  { name: 'IP', priority: 1 },
  { name: 'Node', priority: 1 },
  { name: 'Nominated Node', priority: 1 },
  { name: 'Readiness Gates', priority: 1 },
];

export const podHandler: TableHandler = {
  columns,
  row: (obj, ctx) => podRow(obj as unknown as Pod, ctx),
};

/** The READY, STATUS and RESTARTS cells, also used by describe-like views. */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

function podRow(pod: Pod, ctx: PrintContext): string[] {
  const s = podSummary(pod, ctx);
  const spec = pod.spec;
  const status = pod.status;
  const ip = status?.podIPs?.[0]?.ip || '<none>';
  let gates = '<none>';
  const readinessGates = spec?.readinessGates ?? [];
  if (readinessGates.length > 0) {
    let trueConditions = 0;
    for (const g of readinessGates) {
      const c = status?.conditions?.find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    gates = `${trueConditions}/${readinessGates.length}`;
  }
  return [
    pod.metadata?.name ?? '', s.ready, s.status, s.restarts,
    translateTimestampSince(pod.metadata?.creationTimestamp, ctx.now),
    ip, spec?.nodeName || '<none>', status?.nominatedNodeName || '<none>', gates,
  ];
}

const isRestartable = (c: { restartPolicy?: string } | undefined): boolean => c?.restartPolicy === 'Always';

/** The newer of a tracked time and a container's last termination (RFC 3339 strings compare as times). */
function newerTermination(cur: number, cs: ContainerStatus): number {
  const finished = cs.lastState?.terminated?.finishedAt;
  if (!finished) return cur;
  const t = parseTime(finished);
  return Number.isNaN(t) || t <= cur ? cur : t;
}

// printers.go printPod: the status algorithm, step by step as upstream runs it.
export function podSummary(pod: Pod, ctx: PrintContext): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initContainers = spec?.initContainers ?? [];
  let total = spec?.containers?.length ?? 0;
  for (const c of initContainers) if (isRestartable(c)) total++;
  let ready = 0;
  let restarts = 0;
  let restartableRestarts = 0;
  let lastRestart = -Infinity;
  let lastRestartableRestart = -Infinity;

  let reason: string = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = newerTermination(lastRestart, cs);
    const restartable = isRestartable(initContainers.find((c) => c.name === cs.name));
    if (restartable) {
      restartableRestarts += cs.restartCount ?? 0;
      lastRestartableRestart = newerTermination(lastRestartableRestart, cs);
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = restartableRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = newerTermination(lastRestart, cs);
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // a container still running turns "Completed" back into Running/NotReady
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  // pkg/util/node/node.go NodeUnreachablePodReason
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== -Infinity) {
    restartsCell = `${restarts} (${translateTimestampSince(new Date(lastRestart).toISOString(), ctx.now)} ago)`;
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsCell };
}
