// The job queue runs on the test database: a scheduled job is registered once with its cron,
// and work sent to its queue runs.
import { afterAll, describe, expect, it } from "vitest";
import { jobs, scheduleRecurring, stopJobs } from "./index";

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
});
