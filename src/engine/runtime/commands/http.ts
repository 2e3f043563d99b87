// What curl and wget share: URLs, the request sent through the NetworkStack, and how its outcome
// comes back (at once, or as a NET_TOPIC message when a simulated server answers later).
import type { Proc } from '../process/program';
import type { ProcEvent } from '../process/types';
import { NET_TOPIC, type HttpOutcome, type HttpRequest, type HttpResponse, type NetMessage, type NetOrigin } from './network';
import type { CommandEnv } from './system';

export interface Url {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** path with query, at least "/" */
  path: string;
}

/** `http://host:port/path`; a missing scheme means http (curl guesses it, busybox wget assumes it). */
export function parseUrl(s: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([/?][^#]*)?(?:#.*)?$/.exec(s);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  if (!m[2]) return undefined;
  const path = m[4] ? (m[4].startsWith('?') ? `/${m[4]}` : m[4]) : '/';
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path };
}

export function hostHeader(u: Url): string {
  return u.port === (u.scheme === 'https' ? 443 : 80) ? u.host : `${u.host}:${u.port}`;
}

export function header(r: HttpResponse, name: string): string | undefined {
  return r.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

export function statusLine(r: HttpResponse): string {
  return `${r.version ?? 'HTTP/1.1'} ${r.status} ${r.reason}`;
}

export const origin = (p: Proc<unknown>): NetOrigin => ({ ns: p.ns, pid: p.pid });

/** Linux gives up on a connection whose SYNs go unanswered after ~127 s (tcp_syn_retries = 6). */
export const SYN_TIMEOUT_MS = 129_000;

// ---------- the shared request machine ----------

export interface Fetch {
  url: Url;
  ip: string;
  tag: number;
  startedAt: number;
  /** waiting for: the stack's message, or a timer standing for a timeout / the resolver */
  wait: 'reply' | 'timeout' | 'resolve' | 'none';
  timer?: number;
}

/** Issue the request; returns the outcome now, or undefined (a NET_TOPIC message will bring it). */
export function send(p: Proc<unknown>, env: CommandEnv, f: Fetch, req: Omit<HttpRequest, 'ip' | 'port'>): HttpOutcome | undefined {
  f.tag++;
  return env.network.http(origin(p), { ...req, ip: f.ip, port: f.url.port }, f.tag);
}

export function outcomeOf(ev: ProcEvent, f: Fetch): HttpOutcome | undefined {
  if (ev.type !== 'message' || ev.topic !== NET_TOPIC) return undefined;
  const m = ev.data as NetMessage;
  return m.tag === f.tag ? m.outcome : undefined;
}

