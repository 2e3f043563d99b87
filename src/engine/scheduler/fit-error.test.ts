import { describe, expect, it } from 'vitest';
import { Status } from './framework';
import { fitErrorMessage, newDiagnosis, truncateMessage } from './fit-error';

describe('fitErrorMessage (framework/types.go FitError.Error)', () => {
  it('counts every reason of every node and sorts the entries as strings', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, Status.unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('b', Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.nodeToStatus.set('c', Status.unresolvable("node(s) didn't match Pod's node affinity/selector"));
    d.nodeToStatus.set('d', Status.unresolvable("node(s) didn't match Pod's node affinity/selector"));
    // "11 …" sorts before "2 …" and "1 …" before "11 …": byte order, not numeric order
    expect(fitErrorMessage(13, d)).toBe(
      "0/13 nodes are available: 1 Insufficient memory, 11 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it('adds the absent nodes status for nodes that were never filtered', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', Status.unresolvable('node(s) were unschedulable'));
    d.nodeToStatus.absent = Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage(3, d)).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });

  it('uses the PreFilter message instead of a histogram, then the PostFilter message (canonical example 3)', () => {
    const d = newDiagnosis();
    d.preFilterMsg = 'persistentvolumeclaim "web-pvc" not found';
    d.nodeToStatus.absent = Status.unresolvable(d.preFilterMsg);
    d.postFilterMsg = 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(fitErrorMessage(1, d)).toBe(
      '0/1 nodes are available: persistentvolumeclaim "web-pvc" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('prints no histogram when no node has a reason', () => {
    expect(fitErrorMessage(2, newDiagnosis())).toBe('0/2 nodes are available:');
  });
});

describe('truncateMessage (schedule_one.go)', () => {
  it('keeps messages up to 1024 characters and cuts longer ones with " ..."', () => {
    expect(truncateMessage('x'.repeat(1024))).toBe('x'.repeat(1024));
    const cut = truncateMessage('y'.repeat(2000));
    expect(cut).toHaveLength(1024);
    expect(cut.endsWith('y ...')).toBe(true);
  });
});
