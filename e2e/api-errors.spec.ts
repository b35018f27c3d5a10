// Bad input to every route answers 4xx problem+json naming the field, and writes nothing.
import { expect, test, type APIResponse } from "./fixtures/test";
import { countRows } from "./fixtures/db";

async function expectProblem(res: APIResponse, status: number, code: string, field?: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  expect(res.headers()["x-request-id"]).toBeTruthy();
  const body = await res.json();
  expect(body).toMatchObject({ status, code });
  expect(body.title).toBeTruthy();
  if (field) expect(Object.keys(body.fieldErrors ?? {})).toContain(field);
  return body;
}

test("organization and project routes reject bad input without writing anything", async ({ request }) => {
  const before = {
    orgs: await countRows("Organization"),
    projects: await countRows("Project"),
    audit: await countRows("AuditEvent"),
  };

  await expectProblem(
    await request.post("/api/orgs", { data: { identifier: "9lives", name: "x" } }),
    422,
    "VALIDATION_FAILED",
    "identifier",
  );
  await expectProblem(
    await request.post("/api/orgs", { data: { identifier: "ok", name: "" } }),
    422,
    "VALIDATION_FAILED",
    "name",
  );
  await expectProblem(
    await request.post("/api/orgs", { data: { identifier: "ok", name: 5 } }),
    422,
    "VALIDATION_FAILED",
    "name",
  );
  await expectProblem(
    await request.post("/api/orgs", { data: { identifier: "ok", name: "ok", admin: true } }),
    422,
    "VALIDATION_FAILED",
    "admin",
  );
  await expectProblem(
    await request.post("/api/orgs", {
      data: Buffer.from("{not json"),
      headers: { "content-type": "application/json" },
    }),
    400,
    "INVALID_JSON",
  );
  await expectProblem(
    await request.post("/api/orgs", {
      data: Buffer.from("identifier=ok"),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
  const huge = JSON.stringify({ identifier: "big", name: "big", description: "x".repeat(300 * 1024) });
  await expectProblem(
    await request.post("/api/orgs", { data: Buffer.from(huge), headers: { "content-type": "application/json" } }),
    413,
    "PAYLOAD_TOO_LARGE",
  );
  await expectProblem(
    await request.post("/api/orgs", { data: { identifier: "default", name: "Again" } }),
    409,
    "ALREADY_EXISTS",
    "identifier",
  );

  await expectProblem(await request.get("/api/orgs/nope"), 404, "NOT_FOUND");
  await expectProblem(await request.get("/api/orgs/bad-id!"), 422, "VALIDATION_FAILED", "org");
  await expectProblem(
    await request.put("/api/orgs/default", { data: { name: "", version: 1 } }),
    422,
    "VALIDATION_FAILED",
    "name",
  );
  await expectProblem(
    await request.put("/api/orgs/default", { data: { name: "Renamed" } }),
    428,
    "PRECONDITION_REQUIRED",
    "version",
  );
  await expectProblem(
    await request.put("/api/orgs/default", { data: { name: "Renamed", version: 99 } }),
    409,
    "VERSION_CONFLICT",
  );
  await expectProblem(
    await request.put("/api/orgs/default", { data: { name: "Renamed" }, headers: { "if-match": "nope" } }),
    400,
    "BAD_REQUEST",
  );
  await expectProblem(await request.delete("/api/orgs/default"), 409, "IN_USE");

  await expectProblem(
    await request.post("/api/orgs/default/projects", { data: { identifier: "has space", name: "p" } }),
    422,
    "VALIDATION_FAILED",
    "identifier",
  );
  await expectProblem(
    await request.post("/api/orgs/nope/projects", { data: { identifier: "p", name: "p" } }),
    404,
    "NOT_FOUND",
  );
  await expectProblem(
    await request.post("/api/orgs/default/projects", { data: { identifier: "default_project", name: "p" } }),
    409,
    "ALREADY_EXISTS",
  );
  await expectProblem(await request.get("/api/orgs/default/projects/nope"), 404, "NOT_FOUND");
  await expectProblem(
    await request.put("/api/orgs/default/projects/default_project", { data: { name: "x", version: 42 } }),
    409,
    "VERSION_CONFLICT",
  );
  await expectProblem(
    await request.put("/api/orgs/default/projects/default_project", { data: { name: "x", version: "1" } }),
    422,
    "VALIDATION_FAILED",
    "version",
  );

  await expectProblem(await request.get("/api/audit?limit=0"), 422, "VALIDATION_FAILED", "limit");
  await expectProblem(await request.get("/api/audit?action=EXPLODE"), 422, "VALIDATION_FAILED", "action");

  expect({
    orgs: await countRows("Organization"),
    projects: await countRows("Project"),
    audit: await countRows("AuditEvent"),
  }).toEqual(before);
});

test("If-Match carries the version, and a stale one is refused after someone else saved", async ({ request }) => {
  const created = await request.post("/api/orgs", { data: { identifier: `v_${Date.now()}`, name: "Versioned" } });
  expect(created.status()).toBe(201);
  const org = await created.json();
  const first = await request.put(`/api/orgs/${org.identifier}`, {
    data: { name: "First" },
    headers: { "if-match": '"1"' },
  });
  expect(first.status()).toBe(200);
  expect(first.headers()["etag"]).toBe('"2"');
  const stale = await request.put(`/api/orgs/${org.identifier}`, {
    data: { name: "Second" },
    headers: { "if-match": '"1"' },
  });
  const body = await expectProblem(stale, 409, "VERSION_CONFLICT");
  expect(body.extra).toEqual({ currentVersion: 2 });
  expect((await (await request.get(`/api/orgs/${org.identifier}`)).json()).name).toBe("First");
  expect((await request.delete(`/api/orgs/${org.identifier}`)).status()).toBe(204);
});
