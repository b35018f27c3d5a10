// The console's front door: foreign hosts refused, the client address from the socket unless
// proxies are trusted, the security headers on API answers only.
import { describe, expect, it } from "vitest";
import { badPath, clientErrorAnswer, FOREIGN_METHOD_HEADER, frontDoor, type FrontDoorRequest } from "./front-door";

const site = { port: 3000 };
const req = (
  url: string,
  headers: Record<string, string>,
  remoteAddress = "192.0.2.9",
  method = "GET",
): FrontDoorRequest => ({
  url,
  method,
  headers: { ...headers },
  socket: { remoteAddress },
});
const host = { host: "127.0.0.1:3000" };

function refused(a: ReturnType<typeof frontDoor>) {
  if (!("refuse" in a)) throw new Error("expected a refusal");
  expect(a.refuse.headers["content-type"]).toBe("application/problem+json");
  expect(a.refuse.headers["x-content-type-options"]).toBe("nosniff");
  return { status: a.refuse.status, headers: a.refuse.headers, problem: JSON.parse(a.refuse.body) };
}

describe("frontDoor", () => {
  it("refuses a foreign Host with 421 problem+json, pages and API alike", () => {
    for (const url of ["/api/health", "/connectors"]) {
      const a = frontDoor(req(url, { host: "evil.example" }), site, 0);
      expect(a).toMatchObject({ refuse: { status: 421, headers: { "content-type": "application/problem+json" } } });
      if ("refuse" in a) expect(JSON.parse(a.refuse.body)).toMatchObject({ code: "MISDIRECTED_REQUEST" });
    }
    expect(
      frontDoor(
        req("/api/health", { host: "console.example.com" }),
        { port: 443, publicUrl: "https://console.example.com" },
        0,
      ),
    ).not.toHaveProperty("refuse");
  });

  it("the socket's address replaces a client's X-Forwarded-For unless proxies are trusted", () => {
    const r = req("/api/x", { host: "localhost:3000", "x-forwarded-for": "6.6.6.6" });
    frontDoor(r, site, 0);
    expect(r.headers["x-forwarded-for"]).toBe("192.0.2.9");
    const behind = req("/api/x", { host: "localhost:3000", "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    frontDoor(behind, site, 1);
    expect(behind.headers["x-forwarded-for"]).toBe("6.6.6.6, 203.0.113.7");
  });

  it("API answers get the security headers and a policy that renders nothing; pages get theirs from proxy.ts", () => {
    const api = frontDoor(req("/api/x", { host: "127.0.0.1:3000" }), site, 0);
    expect(api).toMatchObject({
      headers: {
        "x-content-type-options": "nosniff",
        "content-security-policy": expect.stringContaining("frame-ancestors 'none'"),
      },
    });
    expect(frontDoor(req("/connectors", { host: "127.0.0.1:3000" }), site, 0)).toEqual({ headers: {} });
  });

  it("refuses a path that does not decode, or a page path with a control character, with 400 problem+json", () => {
    const bad = [
      "/api/orgs/%ZZ",
      "/api/%",
      "/connectors/%C0%AF",
      "/api/x%ED%A0%80",
      "/a%0Ab",
      "/x%00",
      "/%C2%85",
      "/%7F",
    ];
    for (const url of bad) {
      const r = refused(frontDoor(req(url, host), site, 0));
      expect(r.status, url).toBe(400);
      expect(r.problem, url).toMatchObject({
        type: "https://conduit.dev/problems/bad-request",
        title: "Bad request",
        status: 400,
        code: "BAD_REQUEST",
      });
    }
    // Only the path is decoded: the query is the route's (withRoute refuses control characters there).
    // An API path with a control character goes on: the route names the parameter (lib/api/route.ts).
    for (const url of [
      "/api/orgs/caf%C3%A9",
      "/api/x%2Fy",
      "/api/connectors?q=%ZZ",
      "/api/connectors?q=%00",
      "/api/a%00b",
      "/",
    ])
      expect(frontDoor(req(url, host), site, 0), url).not.toHaveProperty("refuse");
    expect(badPath("/api/%E2%82%AC")).toBeUndefined();
    expect(badPath("/api/%")).toMatch(/percent-escape/);
  });

  it("hands a method Next does not know to the route's OPTIONS, marked; a page refuses it with 405", () => {
    const r = req("/api/connectors", { ...host, [FOREIGN_METHOD_HEADER]: "SPOOFED" }, "192.0.2.9", "TRACE");
    expect(frontDoor(r, site, 0)).not.toHaveProperty("refuse");
    expect(r.method).toBe("OPTIONS");
    expect(r.headers[FOREIGN_METHOD_HEADER]).toBe("TRACE");
    // A client cannot mark a request itself.
    const own = req("/api/connectors", { ...host, [FOREIGN_METHOD_HEADER]: "TRACE" }, "192.0.2.9", "OPTIONS");
    frontDoor(own, site, 0);
    expect(own.headers[FOREIGN_METHOD_HEADER]).toBeUndefined();
    for (const m of ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]) {
      const ok = req("/api/connectors", host, "192.0.2.9", m);
      frontDoor(ok, site, 0);
      expect(ok.method).toBe(m);
    }
    const page = refused(frontDoor(req("/connectors", host, "192.0.2.9", "PROPFIND"), site, 0));
    expect(page).toMatchObject({
      status: 405,
      headers: { allow: "GET, HEAD" },
      problem: { code: "METHOD_NOT_ALLOWED" },
    });
  });

  it("answers a request Node cannot read in problem+json: 400, 408 when too slow, 431 for huge headers", () => {
    for (const [code, status] of [
      ["HPE_INVALID_METHOD", 400],
      [undefined, 400],
      ["ERR_HTTP_REQUEST_TIMEOUT", 408],
      ["HPE_HEADER_OVERFLOW", 431],
    ] as const) {
      const raw = clientErrorAnswer(code, site);
      const [head, body] = raw.split("\r\n\r\n");
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toContain("content-type: application/problem+json");
      expect(head).toContain(`content-length: ${Buffer.byteLength(body!)}`);
      expect(JSON.parse(body!)).toMatchObject({ status });
    }
  });
});
