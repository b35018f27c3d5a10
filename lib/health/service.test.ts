// Readiness (service.ts) within its time limit whatever the database does: a frozen database (a
// proxy holding every byte, as SIGSTOP would) is a 503 in under 2 s, and ready again once it thaws;
// a stopping console is not ready.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetLifecycle, stopRuns } from "@/lib/lifecycle";
import { resetEnvCache } from "@/lib/env";
import { startPausableProxy, type PausableProxy } from "@/scripts/lib/pausable-proxy";
import { checkReadiness, READY_LIMIT_MS } from "./service";

const saved = process.env.DATABASE_URL;
let proxy: PausableProxy;

beforeAll(async () => {
  const u = new URL(saved!);
  proxy = await startPausableProxy({ host: u.hostname, port: Number(u.port) });
  process.env.DATABASE_URL = proxy.urlFor(saved!);
  resetEnvCache();
});
afterEach(() => {
  proxy.thaw();
  resetLifecycle();
});
afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await proxy.close();
  process.env.DATABASE_URL = saved;
  resetEnvCache();
});

describe("readiness", () => {
  it("is ready with the database answering", async () => {
    expect(await checkReadiness()).toMatchObject({ status: "ready", database: "ok" });
  });

  it("answers 503 within its limit while the database is frozen, and is ready again once it thaws", async () => {
    expect(READY_LIMIT_MS).toBeLessThan(2_000);
    proxy.freeze();
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      const err = await checkReadiness().catch((e: unknown) => e);
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(err).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
      expect((err as { options: { headers?: Record<string, string> } }).options.headers).toMatchObject({
        "retry-after": "5",
      });
    }
    proxy.thaw();
    const deadline = Date.now() + 15_000;
    let ready: unknown;
    while (Date.now() < deadline) {
      ready = await checkReadiness().catch((e: unknown) => e);
      if (!(ready instanceof Error)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toMatchObject({ status: "ready" });
  });

  it("is not ready while the console stops", async () => {
    await stopRuns({ drainMs: 0, endMs: 0 });
    expect(await checkReadiness().catch((e: unknown) => e)).toMatchObject({ status: 503, code: "NOT_READY" });
  });
});
