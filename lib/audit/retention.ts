// Audit retention: events older than CONDUIT_AUDIT_RETENTION_DAYS are deleted in batches (each
// its own short statement, oldest first), so pruning never holds a long lock on the table.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export interface PruneResult {
  deleted: number;
  before: string;
}

export async function pruneAudit(
  o: { retentionDays?: number; batchSize?: number; now?: Date } = {},
): Promise<PruneResult> {
  const days = o.retentionDays ?? env().CONDUIT_AUDIT_RETENTION_DAYS;
  const batch = o.batchSize ?? 5_000;
  const before = new Date((o.now ?? new Date()).getTime() - days * 86_400_000);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`DELETE FROM "AuditEvent" WHERE id IN (
      SELECT id FROM "AuditEvent" WHERE at < ${before} ORDER BY at LIMIT ${batch})`;
    deleted += n;
    if (n < batch) return { deleted, before: before.toISOString() };
  }
}
