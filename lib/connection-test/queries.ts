// Stored connection tests (bounded history per connector) and the connector's last status.
import "server-only";
import { db } from "@/lib/db";
import { randomUUID } from "node:crypto";
import { auditRow, recordAudit, type AuditInput } from "@/lib/audit/service";
import type { TestResult } from "./types";

export const HISTORY_LIMIT = 50;

/**
 * Stores a run, updates the connector's last status (raw SQL: updatedAt is the last *edit* and
 * stays), trims the history and writes the audit event: one statement, one round trip, atomic.
 * With `health` (a periodic check), the connector's health is recorded in the same statement,
 * changed only when it changed, and a change from one health to the other writes its own audit
 * event (a first health has nothing to compare).
 */
export async function saveTestResult(opts: {
  connectorId: string;
  actor: string;
  result: TestResult;
  audit: AuditInput;
  health?: HealthRecord;
}) {
  const { result } = opts;
  const a = auditRow(opts.audit);
  const h = opts.health ? auditRow(opts.health.audit) : null;
  const health = opts.health?.status ?? null;
  const startedAt = new Date(result.testedAt);
  await db.$executeRaw`
    WITH ins AS (
      INSERT INTO "ConnectorTest" (id, "connectorId", status, "errorSummary", errors, steps, "delegateId", actor, "startedAt", "durationMs")
      VALUES (${randomUUID()}, ${opts.connectorId}, ${result.status}, ${result.errorSummary}, ${JSON.stringify(result.errors)}::jsonb,
              ${JSON.stringify(result.steps)}::jsonb, ${result.delegateId}, ${opts.actor}, ${startedAt}, ${result.durationMs})
      RETURNING id
    ), old AS (
      SELECT id, "healthStatus" AS before FROM "Connector" WHERE id = ${opts.connectorId} FOR UPDATE
    ), upd AS (
      UPDATE "Connector" c
         SET "lastTestStatus" = ${result.status}, "lastTestedAt" = ${startedAt},
             "healthStatus" = COALESCE(${health}::text, c."healthStatus"),
             "healthSince" = CASE WHEN ${health}::text IS NOT NULL AND old.before IS DISTINCT FROM ${health}::text
                                  THEN now() ELSE c."healthSince" END
        FROM old WHERE c.id = old.id
      RETURNING c.id, old.before
    ), trimmed AS (
      -- The statement's snapshot predates the insert: keep the newest LIMIT-1 old runs.
      DELETE FROM "ConnectorTest" WHERE id IN (
        SELECT id FROM "ConnectorTest" WHERE "connectorId" = ${opts.connectorId} ORDER BY "testedAt" DESC OFFSET ${HISTORY_LIMIT - 1}
      ) RETURNING id
    ), aud AS (
      INSERT INTO "AuditEvent" (id, actor, "actorId", "actorKind", "clientAddress", "userAgent", action, "entityType", "entityId", "accountId", "orgIdentifier", "projectIdentifier", "requestId", diff)
      VALUES (${randomUUID()}, ${a.actor}, ${a.actorId}, ${a.actorKind}, ${a.clientAddress}, ${a.userAgent}, ${a.action}, ${a.entityType}, ${a.entityId}, ${a.accountId}, ${a.orgIdentifier}, ${a.projectIdentifier},
              ${a.requestId}, ${JSON.stringify(a.diff)}::jsonb)
      RETURNING id
    ), health AS (
      INSERT INTO "AuditEvent" (id, actor, "actorId", "actorKind", action, "entityType", "entityId", "accountId", "orgIdentifier", "projectIdentifier", diff)
      SELECT ${randomUUID()}, ${h?.actor ?? null}, ${h?.actorId ?? null}, ${h?.actorKind ?? null}, ${h?.action ?? null}, ${h?.entityType ?? null},
             ${h?.entityId ?? null}, ${h?.accountId ?? null}, ${h?.orgIdentifier ?? null}, ${h?.projectIdentifier ?? null}, ${JSON.stringify(h?.diff ?? null)}::jsonb
        FROM upd WHERE ${health}::text IS NOT NULL AND upd.before IS NOT NULL AND upd.before <> ${health}::text
      RETURNING id
    )
    SELECT (SELECT count(*) FROM ins) + (SELECT count(*) FROM upd) + (SELECT count(*) FROM trimmed) + (SELECT count(*) FROM aud) + (SELECT count(*) FROM health)`;
}

/** A periodic check's verdict on the connector's health, and the audit event a change writes. */
export interface HealthRecord {
  status: "passing" | "failing";
  audit: AuditInput;
}

export const listTests = (connectorId: string, limit: number) =>
  db.connectorTest.findMany({ where: { connectorId }, orderBy: { testedAt: "desc" }, take: limit });

export async function auditUnsavedTest(audit: AuditInput) {
  await db.$transaction((tx) => recordAudit(tx, audit));
}
