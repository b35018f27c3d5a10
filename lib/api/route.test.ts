// withRoute(): the HTTP contract every API route inherits (request ids, body limits and formats,
// validation, scope, problem+json). Integration (PostgreSQL) only for the scope cases.
import { NextRequest } from "next/server";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { frontDoor } from "@/lib/http/front-door";
import { env, resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { createOrganization, createProject } from "@/lib/scopes/service";
import { DEFAULT_BODY_LIMIT, withRoute } from "./route";

const URL_BASE = "http://localhost/api/things";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const noParams = { params: Promise.resolve({}) };

const thingSchema = z.strictObject({
  name: z.string().min(1),
  spec: z.strictObject({ region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/), replicas: z.number().int().min(1) }),
  tags: z.array(z.string().max(5)).default([]),
});
const validThing = { name: "web", spec: { region: "eu-west-1", replicas: 2 }, tags: ["a"] };

type Init = ConstructorParameters<typeof NextRequest>[1];
const request = (init: Init = {}, url = URL_BASE) => new NextRequest(url, init);
const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  request({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

/** A route that echoes what withRoute handed it, so tests see the parsed context. */
function echoRoute(partial: Omit<Parameters<typeof withRoute>[0], "access"> = {}) {
  const def = { access: { public: true as const }, ...partial };
  const seen = vi.fn();
  const handler = withRoute(def, async (ctx) => {
    seen(ctx);
    return { body: ctx.body, bodyFormat: ctx.bodyFormat, scope: ctx.scope, requestId: ctx.requestId };
  });
  return { handler, seen };
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = await res.json();
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  return body as { code: string; detail?: string; requestId: string; fieldErrors?: Record<string, string[]> };
}

/** A body stream with no Content-Length that yields `total` bytes in `chunk`-sized pieces. */
function byteStream(total: number, chunk = 16 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, sent: () => sent };
}

describe("JSON bodies", () => {
  it("hands the parsed, validated body to the handler and answers JSON", async () => {
    const { handler, seen } = echoRoute({ body: thingSchema });
    const res = await handler(postJson({ ...validThing, tags: undefined }), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const out = await res.json();
    // `tags` defaulted: the handler got zod's output, not the raw JSON.
    expect(out.body).toEqual({ ...validThing, tags: [] });
    expect(out.bodyFormat).toBe("json");
    expect(seen).toHaveBeenCalledOnce();
  });

  it("passes a Response from the handler through, adding the request id", async () => {
    const handler = withRoute({ access: { public: true } }, async () => new Response("created", { status: 201 }));
    const res = await handler(request(), noParams);
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("created");
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  });

  it("rejects malformed JSON with 400 INVALID_JSON", async () => {
    const { handler, seen } = echoRoute({ body: thingSchema });
    const res = await handler(
      request({ method: "POST", body: '{"name": "web",', headers: { "content-type": "application/json" } }),
      noParams,
    );
    await expectProblem(res, 400, "INVALID_JSON");
    expect(seen).not.toHaveBeenCalled();
  });

  it.each([
    ["text/plain", "text/plain;charset=UTF-8"],
    ["form data", "application/x-www-form-urlencoded"],
    ["JSON-looking but not JSON", "application/jsonx"],
  ])("rejects %s with 415 UNSUPPORTED_MEDIA_TYPE", async (_, type) => {
    const { handler, seen } = echoRoute({ body: thingSchema });
    const res = await handler(
      request({ method: "POST", body: JSON.stringify(validThing), headers: { "content-type": type } }),
      noParams,
    );
    const problem = await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(problem.detail).toBe("Send application/json");
    expect(seen).not.toHaveBeenCalled();
  });

  it("rejects a body with no content type with 415", async () => {
    const { handler } = echoRoute({ body: thingSchema });
    const res = await handler(
      request({ method: "POST", body: new TextEncoder().encode(JSON.stringify(validThing)) }),
      noParams,
    );
    await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("accepts a content type with parameters and in other case", async () => {
    const { handler } = echoRoute({ body: thingSchema });
    const res = await handler(
      request({
        method: "POST",
        body: JSON.stringify(validThing),
        headers: { "content-type": "Application/JSON; charset=utf-8" },
      }),
      noParams,
    );
    expect(res.status).toBe(200);
  });
});

describe("validation", () => {
  it("answers 422 VALIDATION_FAILED with fieldErrors keyed by dotted path", async () => {
    const { handler, seen } = echoRoute({ body: thingSchema });
    const res = await handler(
      postJson({ name: "", spec: { region: "Mars", replicas: 0 }, tags: ["ok", "too-long"] }),
      noParams,
    );
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(Object.keys(problem.fieldErrors ?? {}).sort()).toEqual(["name", "spec.region", "spec.replicas", "tags.1"]);
    for (const messages of Object.values(problem.fieldErrors!)) expect(messages.length).toBeGreaterThan(0);
    expect(seen).not.toHaveBeenCalled();
  });

  it("reports an unknown key in a strict object as an unknown field", async () => {
    const { handler } = echoRoute({ body: thingSchema });
    const res = await handler(postJson({ ...validThing, color: "red", spec: { ...validThing.spec, x: 1 } }), noParams);
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(problem.fieldErrors).toEqual({ color: ["Unknown field"], "spec.x": ["Unknown field"] });
  });

  // Keys that name Object.prototype members must be reported like any other unknown key; they
  // are attacker-chosen and must not turn into a 500.
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "answers 422, not 500, for an unknown top-level key named %s",
    async (key) => {
      const { handler, seen } = echoRoute({ body: thingSchema });
      const raw = `{"name":"web","spec":{"region":"eu-west-1","replicas":2},${JSON.stringify(key)}:{"polluted":true}}`;
      const res = await handler(
        request({ method: "POST", body: raw, headers: { "content-type": "application/json" } }),
        noParams,
      );
      const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
      expect(Object.prototype.hasOwnProperty.call(problem.fieldErrors, key)).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(seen).not.toHaveBeenCalled();
    },
  );

  it("validates route params", async () => {
    const { handler, seen } = echoRoute({ params: z.object({ identifier: z.string().regex(/^[a-z_]+$/) }) });
    const res = await handler(request(), { params: Promise.resolve({ identifier: "Not Valid!" }) });
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(Object.keys(problem.fieldErrors ?? {})).toEqual(["identifier"]);
    expect(seen).not.toHaveBeenCalled();
  });

  it("validates the query string", async () => {
    const { handler } = echoRoute({ query: z.object({ limit: z.coerce.number().int().max(100) }) });
    const res = await handler(request({}, `${URL_BASE}?limit=1000`), noParams);
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(Object.keys(problem.fieldErrors ?? {})).toEqual(["limit"]);
  });
});

describe("body limits", () => {
  it("answers 413 PAYLOAD_TOO_LARGE from a Content-Length over the limit, before reading", async () => {
    const { handler, seen } = echoRoute({ body: thingSchema });
    // The declared length alone decides: the real body is small.
    const res = await handler(postJson(validThing, { "content-length": String(DEFAULT_BODY_LIMIT + 1) }), noParams);
    await expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
    expect(seen).not.toHaveBeenCalled();
  });

  it("honours a route's own bodyLimit", async () => {
    const { handler } = echoRoute({ body: z.object({ text: z.string() }), bodyLimit: 1024 });
    const big = JSON.stringify({ text: "x".repeat(2000) });
    const res = await handler(postJson({ text: "x".repeat(2000) }, { "content-length": String(big.length) }), noParams);
    await expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
    const ok = await handler(postJson({ text: "x".repeat(900) }), noParams);
    expect(ok.status).toBe(200);
  });

  it("answers 413 for a streamed body over the limit that has no Content-Length", async () => {
    const { handler, seen } = echoRoute({ body: z.unknown(), bodyLimit: 1024 });
    const { stream } = byteStream(4096, 512);
    const req = request({
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-type": "application/json" },
    } as Init);
    expect(req.headers.get("content-length")).toBeNull();
    await expectProblem(await handler(req, noParams), 413, "PAYLOAD_TOO_LARGE");
    expect(seen).not.toHaveBeenCalled();
  });

  // Without a Content-Length the limit must bound what is read, or one client can make the
  // server buffer an arbitrarily large body before it says 413.
  it("stops reading a streamed body soon after it passes the limit", async () => {
    const { handler } = echoRoute({ body: z.unknown(), bodyLimit: 1024 });
    const total = 8 * 1024 * 1024;
    const { stream, sent } = byteStream(total);
    const req = request({
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-type": "application/json" },
    } as Init);
    await expectProblem(await handler(req, noParams), 413, "PAYLOAD_TOO_LARGE");
    expect(sent()).toBeLessThan(1024 * 1024);
  });

  it("counts bytes, not characters, against the limit", async () => {
    const { handler } = echoRoute({ body: z.object({ text: z.string() }), bodyLimit: 1024 });
    // 400 three-byte characters: 400 characters, but over 1 KB on the wire.
    const res = await handler(postJson({ text: "€".repeat(400) }), noParams);
    await expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("YAML bodies", () => {
  const yamlBody = "name: web\nspec:\n  region: eu-west-1\n  replicas: 3\n";

  it.each(["application/yaml", "application/x-yaml", "text/yaml"])(
    "are converted with fromYaml and validated when the route accepts them (%s)",
    async (type) => {
      const fromYaml = vi.fn((text: string) => parseYaml(text) as unknown);
      const { handler } = echoRoute({ body: thingSchema, fromYaml });
      const res = await handler(
        request({ method: "POST", body: yamlBody, headers: { "content-type": type } }),
        noParams,
      );
      expect(res.status).toBe(200);
      const out = await res.json();
      expect(out.bodyFormat).toBe("yaml");
      expect(out.body).toEqual({ name: "web", spec: { region: "eu-west-1", replicas: 3 }, tags: [] });
      expect(fromYaml).toHaveBeenCalledWith(yamlBody);
    },
  );

  it("are rejected with 415 by a route without fromYaml", async () => {
    const { handler, seen } = echoRoute({ body: thingSchema });
    const res = await handler(
      request({ method: "POST", body: yamlBody, headers: { "content-type": "application/yaml" } }),
      noParams,
    );
    const problem = await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(problem.detail).toBe("Send application/json");
    expect(seen).not.toHaveBeenCalled();
  });

  it("still go through the zod schema after conversion", async () => {
    const { handler } = echoRoute({ body: thingSchema, fromYaml: (t) => parseYaml(t) });
    const res = await handler(
      request({
        method: "POST",
        body: "name: web\nspec:\n  region: nowhere\n  replicas: 1\n",
        headers: { "content-type": "application/yaml" },
      }),
      noParams,
    );
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(Object.keys(problem.fieldErrors ?? {})).toEqual(["spec.region"]);
  });

  it("surface fromYaml's own AppError", async () => {
    const fromYaml = () => {
      throw new AppError("VALIDATION_FAILED", "Line 2: bad indentation", { fieldErrors: { "(root)": ["Line 2"] } });
    };
    const { handler } = echoRoute({ body: thingSchema, fromYaml });
    const res = await handler(
      request({ method: "POST", body: "a:\n b: [", headers: { "content-type": "application/yaml" } }),
      noParams,
    );
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(problem.detail).toBe("Line 2: bad indentation");
  });

  it("are accepted as JSON too by a YAML route, and its 415 names both types", async () => {
    const { handler } = echoRoute({ body: thingSchema, fromYaml: (t) => parseYaml(t) });
    expect((await handler(postJson(validThing), noParams)).status).toBe(200);
    const res = await handler(
      request({ method: "POST", body: yamlBody, headers: { "content-type": "text/plain" } }),
      noParams,
    );
    const problem = await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(problem.detail).toBe("Send application/json or application/yaml");
  });
});

describe("request ids", () => {
  it.each(["abcdefgh", "req-123.ABC_xyz", "0123456789abcdef0123456789abcdef", "a".repeat(64)])(
    "echoes an acceptable incoming x-request-id (%s) and hands it to the handler",
    async (id) => {
      const { handler } = echoRoute();
      const res = await handler(request({ headers: { "x-request-id": id } }), noParams);
      expect(res.headers.get("x-request-id")).toBe(id);
      expect((await res.json()).requestId).toBe(id);
    },
  );

  it.each([
    ["too short", "abc1234"],
    ["too long", "a".repeat(65)],
    ["with spaces", "request id 12345"],
    ["with markup", "<script>alert(1)</script>"],
    ["with shell punctuation", "abcdefgh;rm -rf"],
  ])("replaces an incoming x-request-id that is %s with a generated one", async (_, id) => {
    const { handler } = echoRoute();
    const res = await handler(request({ headers: { "x-request-id": id } }), noParams);
    const echoed = res.headers.get("x-request-id");
    expect(echoed).not.toBe(id);
    expect(echoed).toMatch(UUID);
    expect((await res.json()).requestId).toBe(echoed);
  });

  it("generates a different id for each request without one", async () => {
    const { handler } = echoRoute();
    const a = (await handler(request(), noParams)).headers.get("x-request-id");
    const b = (await handler(request(), noParams)).headers.get("x-request-id");
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});

describe("errors", () => {
  it("turns an AppError into its status as problem+json with code, request id and no stack", async () => {
    const handler = withRoute({ access: { public: true } }, async () => {
      throw new AppError("VERSION_CONFLICT", "Someone else saved first", {
        extra: { currentVersion: 4 },
        headers: { etag: '"4"' },
      });
    });
    const res = await handler(request({ headers: { "x-request-id": "client-req-0001" } }), noParams);
    const problem = await expectProblem(res, 409, "VERSION_CONFLICT");
    expect(problem).toMatchObject({
      requestId: "client-req-0001",
      detail: "Someone else saved first",
      extra: { currentVersion: 4 },
      type: "https://conduit.dev/problems/version-conflict",
    });
    expect(problem).not.toHaveProperty("stack");
    expect(JSON.stringify(problem)).not.toMatch(/route\.test\.ts|\n\s+at /);
    expect(res.headers.get("etag")).toBe('"4"');
    expect(res.headers.get("x-request-id")).toBe("client-req-0001");
  });

  it("turns any other error into a 500 that reveals nothing of it", async () => {
    const secret = "password=hunter2 host=db.internal";
    const handler = withRoute({ access: { public: true } }, async () => {
      throw new Error(`connect failed: ${secret}`);
    });
    const res = await handler(request(), noParams);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("connect failed");
    expect(text).not.toContain("db.internal");
    expect(text).not.toMatch(/route\.test\.ts|\n\s+at /);
    const problem = JSON.parse(text);
    expect(problem.code).toBe("INTERNAL");
    expect(problem.requestId).toBe(res.headers.get("x-request-id"));
    expect(problem).not.toHaveProperty("stack");
  });

  it("hides thrown non-Error values too", async () => {
    const handler = withRoute({ access: { public: true } }, async () => {
      throw "raw string with token=abc123";
    });
    const res = await handler(request(), noParams);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("abc123");
  });
});

describe("scope", () => {
  const suffix = Date.now().toString(36);
  const ORG = `route_${suffix}`;
  const by = { id: "test", name: "Test", kind: "system" } as const;

  beforeAll(async () => {
    await createOrganization({ input: { identifier: ORG, name: "Route org", description: "" }, by });
    await createProject({ orgIdentifier: ORG, input: { identifier: "web", name: "Web", description: "" }, by });
  });

  it("answers 404 problem+json for a scoped route naming an org that does not exist", async () => {
    const { handler, seen } = echoRoute({ scoped: true });
    const res = await handler(request({}, `${URL_BASE}?org=no_such_org_${suffix}`), noParams);
    const problem = await expectProblem(res, 404, "NOT_FOUND");
    expect(problem.detail).toContain(`no_such_org_${suffix}`);
    expect(seen).not.toHaveBeenCalled();
  });

  it("answers 404 for a project that does not exist in an existing org", async () => {
    const { handler } = echoRoute({ scoped: true });
    const res = await handler(request({}, `${URL_BASE}?org=${ORG}&project=nope`), noParams);
    await expectProblem(res, 404, "NOT_FOUND");
  });

  it("answers 422 for a project without its org", async () => {
    const { handler } = echoRoute({ scoped: true });
    const res = await handler(request({}, `${URL_BASE}?project=web`), noParams);
    const problem = await expectProblem(res, 422, "VALIDATION_FAILED");
    expect(problem.fieldErrors).toHaveProperty("org");
  });

  it("resolves an existing org and project into the handler's scope", async () => {
    const { handler } = echoRoute({ scoped: true });
    const org = await (await handler(request({}, `${URL_BASE}?org=${ORG}`), noParams)).json();
    expect(org.scope).toMatchObject({ level: "org", orgIdentifier: ORG });
    const project = await (await handler(request({}, `${URL_BASE}?org=${ORG}&project=web`), noParams)).json();
    expect(project.scope).toMatchObject({ level: "project", orgIdentifier: ORG, projectIdentifier: "web" });
  });

  it("uses the account scope without query parameters", async () => {
    const { handler } = echoRoute({ scoped: true });
    const out = await (await handler(request(), noParams)).json();
    expect(out.scope.level).toBe("account");
  });

  it("ignores org/project on a route that is not scoped", async () => {
    const { handler } = echoRoute();
    const res = await handler(request({}, `${URL_BASE}?org=no_such_org_${suffix}`), noParams);
    expect(res.status).toBe(200);
    expect((await res.json()).scope.level).toBe("account");
  });
});

describe("control characters", () => {
  it("refuses NUL in the query, a path parameter or a nested body field with 400 naming each field", async () => {
    const { handler, seen } = echoRoute({ query: z.object({ q: z.string().optional() }) });
    const inQuery = await expectProblem(
      await handler(request({}, `${URL_BASE}?q=a%00b`), noParams),
      400,
      "BAD_REQUEST",
    );
    expect(inQuery.fieldErrors).toEqual({ q: ["Contains a control character; remove it"] });

    const param = await handler(request({}), { params: Promise.resolve({ identifier: "web\u0000" }) });
    expect((await expectProblem(param, 400, "BAD_REQUEST")).fieldErrors).toHaveProperty("identifier");

    const body = echoRoute({ body: thingSchema });
    const nested = await body.handler(
      postJson({ ...validThing, spec: { region: "eu-west-1\u0007", replicas: 1 } }),
      noParams,
    );
    expect((await expectProblem(nested, 400, "BAD_REQUEST")).fieldErrors).toHaveProperty(["spec.region"]);
    expect(seen).not.toHaveBeenCalled();
    expect(body.seen).not.toHaveBeenCalled();
  });

  it("refuses a lone surrogate in a list item, DEL and C1 controls; keeps tabs, line breaks and emoji", async () => {
    const { handler, seen } = echoRoute({ body: z.object({ tags: z.array(z.string()), text: z.string() }) });
    const lone = JSON.stringify({ tags: ["ok", "x"], text: "a" }).replace('"x"', '"\\ud800"');
    const res = await handler(
      request({ method: "POST", body: lone, headers: { "content-type": "application/json" } }),
      noParams,
    );
    expect((await expectProblem(res, 400, "BAD_REQUEST")).fieldErrors).toEqual({
      "tags.1": ["Contains a control character; remove it"],
    });
    for (const bad of ["a\u007fb", "a\u0085b"])
      await expectProblem(await handler(postJson({ tags: [], text: bad }), noParams), 400, "BAD_REQUEST");
    const fine = await handler(postJson({ tags: ["🚀 launch"], text: "line one\n\tline two\r\n" }), noParams);
    expect(fine.status).toBe(200);
    expect(seen).toHaveBeenCalledTimes(1);
  });
});

describe("the client's address (X-Forwarded-For)", () => {
  /** A request through the console's server (lib/http/front-door.ts) from a socket at `socket`. */
  function throughFrontDoor(headers: Record<string, string>, socket: string): NextRequest {
    const req = { url: "/api/x", headers: { ...headers, host: "127.0.0.1:3000" }, socket: { remoteAddress: socket } };
    const answer = frontDoor(req, { port: 3000 }, env().CONDUIT_TRUSTED_PROXIES);
    expect(answer).not.toHaveProperty("refuse");
    return new NextRequest(URL_BASE, { headers: req.headers as Record<string, string> });
  }
  const addressOf = async (req: NextRequest) => {
    const route = withRoute({ access: { public: true } }, async ({ actor }) => ({ address: actor.address ?? null }));
    return ((await (await route(req, noParams)).json()) as { address: string | null }).address;
  };
  const withTrustedProxies = async <T>(n: string, run: () => Promise<T>): Promise<T> => {
    process.env.CONDUIT_TRUSTED_PROXIES = n;
    resetEnvCache();
    try {
      return await run();
    } finally {
      delete process.env.CONDUIT_TRUSTED_PROXIES;
      resetEnvCache();
    }
  };

  it("with no trusted proxy (the default), what the client writes is dropped: the socket's address counts", async () => {
    const spoofed = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" };
    expect(await addressOf(throughFrontDoor(spoofed, "192.0.2.50"))).toBe("192.0.2.50");
    expect(await addressOf(throughFrontDoor({}, "192.0.2.50"))).toBe("192.0.2.50");
  });

  it("behind one trusted proxy, the hop it appended counts, not what the client wrote before it", async () => {
    await withTrustedProxies("1", async () => {
      const viaProxy = { "x-forwarded-for": "6.6.6.6, 203.0.113.7" };
      expect(await addressOf(throughFrontDoor(viaProxy, "10.0.0.2"))).toBe("203.0.113.7");
      expect(await addressOf(throughFrontDoor({ "x-forwarded-for": "203.0.113.7" }, "10.0.0.2"))).toBe("203.0.113.7");
    });
    await withTrustedProxies("2", async () => {
      const viaTwo = { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.3" };
      expect(await addressOf(throughFrontDoor(viaTwo, "10.0.0.2"))).toBe("203.0.113.7");
    });
  });
});
