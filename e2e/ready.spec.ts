import { expect, test } from "./fixtures/test";
import { database } from "./fixtures/db";

test("/api/ready goes 503 while the database is down and back to 200 when it returns, without an app restart", async ({
  request,
}) => {
  const ok = await request.get("/api/ready");
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ status: "ready", database: "ok" });

  await database("stop");
  try {
    const down = await request.get("/api/ready");
    expect(down.status()).toBe(503);
    expect(down.headers()["content-type"]).toContain("application/problem+json");
    const body = await down.json();
    expect(body).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    // Liveness does not depend on the database.
    expect((await request.get("/api/health")).status()).toBe(200);
    // A data route answers 503 problem+json too, not a hang or a 500.
    const orgs = await request.get("/api/orgs");
    expect(orgs.status()).toBe(503);
  } finally {
    await database("start");
  }
  await expect.poll(async () => (await request.get("/api/ready")).status(), { timeout: 20_000 }).toBe(200);
  expect((await request.get("/api/orgs")).status()).toBe(200);
});
