// A connector's health, from its periodic checks: passing (the credentials work: SUCCESS or
// PARTIAL) or failing, since the first check that said so. A change is an audit event.
import "server-only";
import type { Actor, Scope } from "@/lib/scope";
import type { HealthRecord } from "./queries";
import type { TestResult } from "./types";

/** Who runs periodic checks, as the history and the audit log show it. */
export const PERIODIC_ACTOR: Actor = { id: "periodic-check", name: "Conduit (periodic check)", kind: "system" };

/**
 * Passing (SUCCESS or PARTIAL: the credentials work) or failing, since the first check that said
 * so: what saveTestResult records with a periodic check's result. A change from one to the other
 * is a HEALTH audit event.
 */
export function healthOf(row: { identifier: string }, scope: Scope, result: TestResult): HealthRecord {
  const status = result.status === "FAILURE" ? "failing" : "passing";
  return {
    status,
    audit: {
      actor: PERIODIC_ACTOR,
      action: "HEALTH",
      entityType: "Connector",
      entityId: row.identifier,
      scope,
      before: { health: status === "failing" ? "passing" : "failing" },
      after: { health: status, errorSummary: status === "failing" ? result.errorSummary : undefined },
    },
  };
}
