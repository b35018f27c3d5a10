// The job queue runs on the test database: a scheduled job is registered once with its cron,
// and work sent to its queue runs; a deep queue's next job is read from an index in fetch order.
import { afterAll, describe, expect, it } from "vitest";
import { insertJobs, jobs, scheduleRecurring, stopJobs } from "./index";

afterAll(() => stopJobs());

describe("jobs", () => {
  it("schedules a recurring job in UTC and runs what its queue receives", async () => {
    let ran = 0;
    await scheduleRecurring({ name: "probe-recurring", cron: "17 * * * *", run: async () => void (ran += 1) });
    const boss = await jobs();
    expect((await boss.getSchedules()).filter((s) => s.name === "probe-recurring")).toEqual([
      expect.objectContaining({ name: "probe-recurring", cron: "17 * * * *", timezone: "UTC" }),
    ]);
    await boss.send("probe-recurring", {});
    await expect.poll(() => ran, { timeout: 15_000 }).toBe(1);
  });

  it("a deep queue's next job is read from the fetch-order index, not sorted out of every waiting job", async () => {
    const boss = await jobs();
    const name = `probe-deep-${Date.now().toString(36)}`;
    await boss.createQueue(name);
    // The first insert has the new partition's statistics taken; the queue then grows.
    await insertJobs(
      name,
      Array.from({ length: 20 }, () => ({ data: { batch: 0 } })),
    );
    for (let n = 0; n < 4; n++)
      await insertJobs(
        name,
        Array.from({ length: 500 }, () => ({ data: { batch: n + 1 } })),
      );
    // pg-boss's own fetch, as it plans it.
    const plan = (
      await boss.getDb().executeSql(
        `EXPLAIN SELECT id FROM pgboss.job WHERE name = $1 AND state < 'active' AND start_after < now()
          ORDER BY priority desc, created_on, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [name],
      )
    ).rows
      .map((r: Record<string, string>) => r["QUERY PLAN"])
      .join("\n");
    expect(plan).toContain("name_priority_created_on_id_idx");
    expect(plan).not.toContain("Sort");
    // Still the oldest first.
    const [job] = await boss.fetch<{ batch: number }>(name);
    expect(job?.data).toEqual({ batch: 0 });
  });
});
