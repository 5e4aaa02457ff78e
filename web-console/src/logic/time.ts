/** Whole seconds from `now` until `instant`, never below zero. */
export function secondsUntil(instant: string | null | undefined, now: number): number {
  if (!instant) return 0;
  return Math.max(0, Math.ceil((Date.parse(instant) - now) / 1000));
}

/** `m:ss`, as a countdown shows it. */
export function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/** When to renew an Agora token: a minute before it expires, or halfway when it lives under two minutes. */
export function renewalDelayMillis(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now;
  return Math.max(0, left > 120_000 ? left - 60_000 : left / 2);
}
