import { describe, expect, it } from "vitest";
import { commonHeaders, consoleOrigins, hostAllowed, pagePolicy, sameOrigin } from "./security";

const local = { port: 3000 };
const published = { port: 3000, publicUrl: "https://conduit.example.com" };
const h = (o: Record<string, string>) => new Headers(o);

describe("hostAllowed", () => {
  it("answers the public URL's host and loopback names on any port, nothing else", () => {
    for (const host of ["localhost:3000", "127.0.0.1:8080", "[::1]:3000", "LOCALHOST", null])
      expect(hostAllowed(host, local), String(host)).toBe(true);
    for (const host of ["evil.example", "evil.example:3000", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.5"])
      expect(hostAllowed(host, local), host).toBe(false);
    expect(hostAllowed("conduit.example.com", published)).toBe(true);
    expect(hostAllowed("conduit.example.com:8443", published)).toBe(false);
    expect(hostAllowed("other.example.com", published)).toBe(false);
  });
});

describe("sameOrigin", () => {
  it("lets safe methods through and wants the console's origin for the others", () => {
    expect(sameOrigin("GET", h({ origin: "https://evil.example" }), local)).toBe(true);
    expect(sameOrigin("POST", h({ origin: "http://localhost:3000" }), local)).toBe(true);
    expect(sameOrigin("POST", h({ origin: "http://127.0.0.1:3000" }), local)).toBe(true);
    expect(sameOrigin("POST", h({ origin: "http://localhost:3001" }), local)).toBe(false);
    expect(sameOrigin("DELETE", h({ origin: "https://evil.example" }), local)).toBe(false);
    expect(sameOrigin("PUT", h({ origin: "null" }), local)).toBe(false);
    expect(sameOrigin("POST", h({ origin: "https://conduit.example.com" }), published)).toBe(true);
    expect(sameOrigin("POST", h({ origin: "http://localhost:3000" }), published)).toBe(false);
  });

  it("without an Origin, trusts only the browser's own Sec-Fetch-Site: same-origin", () => {
    expect(sameOrigin("POST", h({ "sec-fetch-site": "same-origin" }), local)).toBe(true);
    expect(sameOrigin("POST", h({ "sec-fetch-site": "cross-site" }), local)).toBe(false);
    expect(sameOrigin("POST", h({ "sec-fetch-site": "same-site" }), local)).toBe(false);
    expect(sameOrigin("POST", h({}), local)).toBe(false);
  });
});

describe("headers", () => {
  it("send HSTS only behind https, and a page policy with no inline script but the nonce's", () => {
    expect(commonHeaders(local)).not.toHaveProperty("strict-transport-security");
    expect(commonHeaders(published)["strict-transport-security"]).toMatch(/max-age=\d+/);
    const policy = pagePolicy("abc123", false);
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(pagePolicy("x", true)).toContain("'unsafe-eval'");
    expect(consoleOrigins(published)).toEqual(["https://conduit.example.com"]);
  });
});
