// Which delegates may run a connector's work, and whether a delegate is still there. Pure.

/** A delegate qualifies when every selector is one of its tags (no selectors: every delegate). */
export const selectorsMatch = (tags: readonly string[], selectors: readonly string[]): boolean =>
  selectors.every((s) => tags.includes(s));

/** Heartbeats a delegate may miss before it counts as disconnected. */
export const MISSED_BEATS = 3;

export function delegateStatus(
  d: { lastHeartbeatAt: Date; stoppedAt: Date | null },
  heartbeatSeconds: number,
  now = Date.now(),
): "connected" | "disconnected" | "stopped" {
  if (d.stoppedAt && d.stoppedAt >= d.lastHeartbeatAt) return "stopped";
  return now - d.lastHeartbeatAt.getTime() <= MISSED_BEATS * heartbeatSeconds * 1000 ? "connected" : "disconnected";
}
