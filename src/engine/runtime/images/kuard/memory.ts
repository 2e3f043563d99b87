// kuard's memory page (pkg/memory/api.go): allocations it keeps on purpose ("leaks") so a memory
// limit can be crossed, a clear that frees them, and Go runtime.MemStats figures for the page.
// The process's resident set is its Go baseline plus what it leaked: each allocation writes
// every byte, so all of it is resident at once.

const KiB = 1024;
const MiB = 1024 * KiB;

/** A fresh kuard's resident set (a small Go HTTP server). */
export const BASE_RSS = 9120 * KiB;

// A fresh kuard's Go heap and stacks, as runtime.ReadMemStats reports them.
const BASE_HEAP_ALLOC = 1_374_512;
const BASE_HEAP_IDLE = 1_179_648;
const BASE_HEAP_RELEASED = 0;
const STACK_INUSE = 557_056;
const OTHER_SYS = 4 * MiB;

export interface MemoryState {
  /** sizes of the allocations kept (MemoryAPI.leaks) */
  leaks: number[];
  /** bytes allocated over the process's life (MemStats.TotalAlloc) */
  totalAlloc: number;
  numGC: number;
}

export function newMemory(): MemoryState {
  return { leaks: [], totalAlloc: BASE_HEAP_ALLOC, numGC: 0 };
}

export function leaked(m: MemoryState): number {
  return m.leaks.reduce((a, b) => a + b, 0);
}

/** The resident set to report (Proc.setRss). */
export function rssOf(m: MemoryState): number {
  return BASE_RSS + leaked(m);
}

export type AllocResult =
  | { ok: true }
  | { ok: false; status: number; body: string }
  /** the handler panicked: net/http logs it and drops the connection */
  | { ok: false; panic: string };

/**
 * api.go APIAlloc: `size` bytes, kept. A missing size is 400 "size not specified"; a size that
 * does not parse answers 400 "bad size param" and (the handler does not return) allocates 0.
 */
export function alloc(m: MemoryState, size: string | null): AllocResult {
  if (!size) return { ok: false, status: 400, body: 'size not specified\n' };
  // strconv.ParseInt(sSize, 10, 64)
  const n = /^[+-]?\d+$/.test(size) ? Number(size) : NaN;
  if (!Number.isSafeInteger(n)) return { ok: false, status: 400, body: 'bad size param\n' };
  // make([]byte, i, i) with a negative length
  if (n < 0) return { ok: false, panic: 'runtime error: makeslice: len out of range' };
  m.leaks.push(n);
  m.totalAlloc += n;
  return { ok: true };
}

/** api.go APIClear: drop the leaks, runtime.GC(), debug.FreeOSMemory(). */
export function clear(m: MemoryState): void {
  m.leaks = [];
  m.numGC += 2; // runtime.GC and the one FreeOSMemory forces
}

/** The MemStats fields the page and the API show (api.go APIGet; arrays such as PauseNs left out). */
export function memStats(m: MemoryState): Record<string, number | boolean> {
  const heapAlloc = BASE_HEAP_ALLOC + leaked(m);
  const heapSys = heapAlloc + BASE_HEAP_IDLE;
  return {
    Alloc: heapAlloc,
    TotalAlloc: m.totalAlloc,
    Sys: heapSys + STACK_INUSE + OTHER_SYS,
    HeapAlloc: heapAlloc,
    HeapSys: heapSys,
    HeapIdle: BASE_HEAP_IDLE,
    HeapInuse: heapAlloc,
    HeapReleased: BASE_HEAP_RELEASED,
    StackInuse: STACK_INUSE,
    StackSys: STACK_INUSE,
    NumGC: m.numGC,
    EnableGC: true,
    DebugGC: false,
  };
}

/** The rows of the memory page (client/src/mem.jsx render): heap, idle heap, stacks and their total. */
export function memRows(m: MemoryState): [string, string][] {
  const s = memStats(m) as Record<string, number>;
  const idle = s.HeapIdle! - s.HeapReleased!;
  return [
    ['HeapAlloc', ib(s.HeapAlloc!)],
    ['HeapIdle - HeapReleased', ib(idle)],
    ['StackInuse', ib(s.StackInuse!)],
    ['Total', ib(s.HeapAlloc! + idle + s.StackInuse!)],
  ];
}

/** numeral.js format '0.00 ib': binary units, two decimals. */
export function ib(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(2)} ${units[i]}`;
}
