import { describe, expect, it } from 'vitest';
import { printNodeMetrics, printPodMetrics, type PodMetrics } from './metrics';

const pods: PodMetrics[] = [
  { metadata: { name: 'web', namespace: 'default' }, containers: [{ name: 'nginx', usage: { cpu: '1500000n', memory: '3Mi' } }, { name: 'side', usage: { cpu: '2m', memory: '1048576' } }] },
  { metadata: { name: 'api', namespace: 'prod' }, containers: [{ name: 'app', usage: { cpu: '250m', memory: '200Mi' } }] },
];

describe('kubectl top printers (metricsutil/metrics_printer.go)', () => {
  it('top pods: millicores (rounded up, as Quantity.MilliValue) and whole Mi, sorted by name, trailing tab padding', () => {
    expect(printPodMetrics(pods)).toBe(
      'NAME   CPU(cores)   MEMORY(bytes)   \n' +
      'api    250m         200Mi           \n' +
      'web    4m           4Mi             \n');
  });

  it('top pods --containers -A --sort-by=memory --sum', () => {
    expect(printPodMetrics(pods, { containers: true, withNamespace: true, sortBy: 'memory', sum: true })).toBe(
      'NAMESPACE   POD   NAME    CPU(cores)   MEMORY(bytes)   \n' +
      'prod        api   app     250m         200Mi           \n' +
      'default     web   nginx   2m           3Mi             \n' +
      'default     web   side    2m           1Mi             \n' +
      '                          ________     ________        \n' +
      '                          254m         204Mi           \n');
  });

  it('top nodes: percentages of allocatable, <unknown> for nodes without metrics', () => {
    const out = printNodeMetrics(
      [{ metadata: { name: 'minikube' }, usage: { cpu: '250m', memory: '1024Mi' } }],
      new Map([['minikube', { cpu: '2', memory: '3912Mi' }], ['worker', { cpu: '2', memory: '2Gi' }]]),
    );
    expect(out).toBe(
      'NAME       CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   \n' +
      'minikube   250m         12%         1024Mi          26%         \n' +
      'worker     <unknown>    <unknown>   <unknown>       <unknown>   \n');
    expect(printNodeMetrics([], new Map())).toBe('');
  });
});
