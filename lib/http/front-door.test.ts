// The console's front door: foreign hosts refused, the client address from the socket unless
// proxies are trusted, the security headers on API answers only.
import { describe, expect, it } from "vitest";
import { frontDoor, type FrontDoorRequest } from "./front-door";

const site = { port: 3000 };
const req = (url: string, headers: Record<string, string>, remoteAddress = "192.0.2.9"): FrontDoorRequest => ({
  url,
  headers: { ...headers },
  socket: { remoteAddress },
});

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
});
