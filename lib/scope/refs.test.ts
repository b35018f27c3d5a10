import { describe, expect, it } from "vitest";
import { parseScopedRef, refFrom, refTargetScope } from "./refs";
import type { Scope } from "./types";

const project: Scope = { level: "project", accountId: "acc", orgIdentifier: "o", projectIdentifier: "p", orgId: "oid" };
const account: Scope = { level: "account", accountId: "acc" };

describe("parseScopedRef", () => {
  it.each([
    ["account.aws_secret", { level: "account", identifier: "aws_secret" }],
    ["org.key$1", { level: "org", identifier: "key$1" }],
    ["_local", { level: "own", identifier: "_local" }],
    ["account", { level: "own", identifier: "account" }],
    ["account.prod_2", { level: "account", identifier: "prod_2" }],
  ])("%s", (ref, expected) => {
    expect(parseScopedRef(ref)).toEqual(expected);
  });

  it.each([
    "",
    "project.x",
    "account.",
    "a.b.c",
    "1abc",
    "org.1x",
    "account.has-dash",
    "x y",
    "<+input>",
    "x".repeat(129),
  ])("refuses %j", (ref) => {
    expect(parseScopedRef(ref)).toBeNull();
  });
});

describe("refTargetScope", () => {
  it("points account. at the account, org. at the referrer's org, a bare id at the referrer itself", () => {
    expect(refTargetScope(project, "account")).toEqual(account);
    expect(refTargetScope(project, "org")).toEqual({
      level: "org",
      accountId: "acc",
      orgIdentifier: "o",
      orgId: "oid",
    });
    expect(refTargetScope(project, "own")).toBe(project);
  });
  it("has no org to point at from the account", () => {
    expect(refTargetScope(account, "org")).toBeNull();
  });
});

describe("refFrom", () => {
  it("writes the bare identifier in the same level, else the level as prefix", () => {
    expect(refFrom(project, "project", "x")).toBe("x");
    expect(refFrom(project, "org", "x")).toBe("org.x");
    expect(refFrom(account, "account", "x")).toBe("x");
  });
});
