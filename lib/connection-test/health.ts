// A connector's health, from its periodic checks: passing (the credentials work: SUCCESS or
// PARTIAL) or failing, since the first check that said so. A change is an audit event.
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import type { Actor, Scope } from "@/lib/scope";
import type { TestResult } from "./types";

/** Who runs periodic checks, as the history and the audit log show it. */
export const PERIODIC_ACTOR: Actor = { id: "periodic-check", name: "Conduit (periodic check)", kind: "system" };

/** Passing (SUCCESS or PARTIAL: the credentials work) or failing, since the first check that said so. */
export async function recordHealth(row: { id: string; identifier: string }, scope: Scope, result: TestResult) {
  const status = result.status === "FAILURE" ? "failing" : "passing";
  await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ healthStatus: string | null }[]>`
      SELECT "healthStatus" FROM "Connector" WHERE id = ${row.id} FOR UPDATE`;
    if (!current || current.healthStatus === status) return;
    // Raw SQL: updatedAt is the connector's last *edit* and stays.
    await tx.$executeRaw`UPDATE "Connector" SET "healthStatus" = ${status}, "healthSince" = now() WHERE id = ${row.id}`;
    if (current.healthStatus)
      await recordAudit(tx, {
        actor: PERIODIC_ACTOR,
        action: "HEALTH",
        entityType: "Connector",
        entityId: row.identifier,
        scope,
        before: { health: current.healthStatus },
        after: { health: status, errorSummary: status === "failing" ? result.errorSummary : undefined },
      });
  });
}
