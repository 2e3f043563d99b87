// How the header shows cluster time and how far a skip went.

/** "12:03:27" in UTC (the cluster's clock is UTC, as kubectl's timestamps are). */
export function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** "+4m10s", "+45s", "+1h2m" for a skip of `ms`. */
export function skipText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `+${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `+${m}m${s % 60 ? `${s % 60}s` : ''}`;
  return `+${Math.floor(m / 60)}h${m % 60 ? `${m % 60}m` : ''}`;
}
