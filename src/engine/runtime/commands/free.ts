// busybox free (procps/free.c, 1.37): the memory of the node, not of the container. A container
// with a 128Mi limit still sees the node's 3.8 GiB here; its own limit is in
// /sys/fs/cgroup/memory.max. "used" is what the node's processes hold (the system daemons and
// every container's working set, as `kubectl top node` counts it); the page cache, shared and
// available figures follow from it in proportions typical of a minikube node. No swap.
import type { SimpleCommand } from '../process/program';
import { busyboxUsage } from './msg';
import type { CommandEnv } from './system';
import { ctxOfSimple, humanBusybox } from './util';

const PAGE = 4096;
/** a node's page cache and buffers, as a share of the memory not in use */
const CACHE_SHARE = 0.45;
/** tmpfs and shared memory: a few MiB on a fresh node */
const SHARED_BYTES = 3 * 1024 * 1024;

export function busyboxFree(env: CommandEnv): SimpleCommand {
  return {
    kind: 'simple',
    run(io) {
      const c = ctxOfSimple(io);
      // free.c (ENABLE_DESKTOP): only argv[1] is looked at, -b -k -m -g -h; anything else is the usage
      let unit = 1024;
      const a = io.argv[1];
      if (a?.startsWith('-')) {
        const u = ({ b: 1, k: 1024, m: 1 << 20, g: 1 << 30, h: 0 } as Record<string, number>)[a[1] ?? ''];
        if (u === undefined) return busyboxUsage(c, 'free');
        unit = u;
      }
      const total = env.system.memTotalKb * 1024;
      const used = pages(Math.min(total, env.memoryInUse?.() ?? 0));
      const cache = pages((total - used) * CACHE_SHARE);
      const free = total - used - cache;
      const available = pages(free + cache * 0.8);
      // libbb make_human_readable_str(bytes, 1, unit)
      const scale = (bytes: number): string => (bytes === 0 ? '0' : unit ? String(Math.floor((bytes + Math.floor(unit / 2)) / unit)) : humanBusybox(bytes));
      const col = (v: string) => v.padStart(12);
      let out = `       ${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map(col).join('')}\n`;
      out += `Mem:   ${[total, used, free, SHARED_BYTES, cache, available].map((v) => col(scale(v))).join('')}\n`;
      out += `Swap:  ${[0, 0, 0].map((v) => col(scale(v))).join('')}\n`;
      c.out(out);
      return 0;
    },
  };
}

function pages(bytes: number): number {
  return Math.max(0, Math.floor(bytes / PAGE) * PAGE);
}
