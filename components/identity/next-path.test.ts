import { describe, expect, it } from "vitest";
import { signInRedirect } from "@/lib/http/client";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(safeNextPath("/connectors/prod?org=default&project=web#tests")).toBe(
      "/connectors/prod?org=default&project=web#tests",
    );
    expect(safeNextPath("/settings/access")).toBe("/settings/access");
  });

  it.each([
    undefined,
    null,
    "",
    "connectors",
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    " /connectors",
    "javascript:alert(1)",
    "/sign-in",
    "/sign-in?next=/x",
    "/setup?token=abc",
    "/set-password",
  ])("falls back to /connectors for %j", (raw) => {
    expect(safeNextPath(raw)).toBe("/connectors");
  });

  it("falls back for an absurdly long path, and to the fallback it is given", () => {
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBe("/connectors");
    expect(safeNextPath("//evil.example", "/audit")).toBe("/audit");
  });
});

describe("signInRedirect (apiFetch after a 401)", () => {
  const at = (pathname: string, search = "") => ({ origin: "http://localhost:3000", pathname, search });

  it("sends a console page to sign-in and back", () => {
    const to = signInRedirect("/api/connectors?org=default", at("/connectors/prod", "?org=default&project=web"));
    expect(to).toBeDefined();
    const url = new URL(to!);
    expect(url.origin).toBe("http://localhost:3000");
    expect(url.pathname).toBe("/sign-in");
    expect(url.searchParams.get("next")).toBe("/connectors/prod?org=default&project=web");
  });

  it("leaves sign-in's own answers and the pages that need no session alone", () => {
    expect(signInRedirect("/api/auth/sign-in/email", at("/connectors"))).toBeUndefined();
    expect(signInRedirect("/api/setup", at("/connectors"))).toBeUndefined();
    expect(signInRedirect("/api/me", at("/sign-in"))).toBeUndefined();
    expect(signInRedirect("/api/me", at("/setup"))).toBeUndefined();
    expect(signInRedirect("/api/me", at("/set-password"))).toBeUndefined();
    // Only the exact public pages: a console page that merely starts alike is not one.
    expect(signInRedirect("/api/setups", at("/setups"))).toBeDefined();
  });
});
