// Audit retention deletes only what is older than the retention, in batches, oldest first.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pruneAudit } from "./retention";

const NOW = new Date("2030-06-01T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("pruneAudit", () => {
  it("deletes events past the retention in batches and keeps the rest", async () => {
    const entityId = `retention-${Date.now()}`;
    const ages = [900, 500, 401, 400.5, 399, 10, 0];
    await db.auditEvent.createMany({
      data: ages.map((d) => ({
        at: daysAgo(d),
        actor: "t",
        action: "UPDATE",
        entityType: "RetentionProbe",
        entityId,
        accountId: "test_account",
      })),
    });
    const r = await pruneAudit({ retentionDays: 400, batchSize: 2, now: NOW });
    expect(r.before).toBe(daysAgo(400).toISOString());
    expect(r.deleted).toBeGreaterThanOrEqual(4);
    const left = await db.auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" }, select: { at: true } });
    expect(left.map((e) => e.at.toISOString())).toEqual([399, 10, 0].map((d) => daysAgo(d).toISOString()));
    expect((await pruneAudit({ retentionDays: 400, now: NOW })).deleted).toBe(0);
  });
});
