// Roles and the checks on them, against a model written independently here: a grant reaches a
// scope when it sits at that scope or one of its ancestors; a principal may do what some reaching
// grant's role allows; it knows a scope when a grant is at, above or inside it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Grant, ScopeKey } from "@/lib/scope";
import {
  can,
  covers,
  knowsScope,
  leastRoleWith,
  permissionsAt,
  resourceKinds,
  roleIds,
  ROLES,
  type Permission,
  type Principal,
  type RoleId,
} from "./permissions";

const actions = ["view", "edit", "delete", "test", "access", "manage", "use"] as const;
const everyPermission: Permission[] = resourceKinds.flatMap((k) => actions.map((a): Permission => `${k}:${a}`));

const key = (accountId: string, orgIdentifier = "", projectIdentifier = ""): ScopeKey => ({
  accountId,
  orgIdentifier,
  projectIdentifier,
});
const same = (a: ScopeKey, b: ScopeKey) =>
  a.accountId === b.accountId && a.orgIdentifier === b.orgIdentifier && a.projectIdentifier === b.projectIdentifier;
/** The scope and every scope above it: the model of `covers`. */
const ancestors = (s: ScopeKey): ScopeKey[] => [
  s,
  ...(s.projectIdentifier ? [key(s.accountId, s.orgIdentifier)] : []),
  ...(s.orgIdentifier ? [key(s.accountId)] : []),
];

const scopeArb: fc.Arbitrary<ScopeKey> = fc
  .tuple(fc.constantFrom("acc", "other"), fc.constantFrom("", "o1", "o2"), fc.constantFrom("", "p1", "p2"))
  .map(([a, o, p]) => key(a, o, o ? p : ""));
const grantArb: fc.Arbitrary<Grant> = fc.record({ role: fc.constantFrom<RoleId>(...roleIds), scope: scopeArb });
const userArb: fc.Arbitrary<Principal> = fc.record({
  kind: fc.constantFrom<"user" | "serviceAccount">("user", "serviceAccount"),
  grants: fc.array(grantArb, { maxLength: 4 }),
});
const permissionArb = fc.constantFrom(...everyPermission);

const modelCan = (who: Principal, p: Permission, at: ScopeKey) =>
  (who.grants ?? []).some(
    (g) => ancestors(at).some((a) => same(a, g.scope)) && ROLES[g.role as RoleId].permissions.has(p),
  );

const user = (...grants: [RoleId, ScopeKey][]): Principal => ({
  kind: "user",
  grants: grants.map(([role, scope]) => ({ role, scope })),
});

describe("covers", () => {
  it("a grant reaches exactly its own scope and the scopes below it", () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, (at, target) => {
        expect(covers(at, target)).toBe(ancestors(target).some((a) => same(a, at)));
      }),
    );
  });

  it("is reflexive and transitive", () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, scopeArb, (a, b, c) => {
        expect(covers(a, a)).toBe(true);
        if (covers(a, b) && covers(b, c)) expect(covers(a, c)).toBe(true);
      }),
    );
  });

  it("reads a target's missing identifiers as the level above", () => {
    expect(covers(key("acc", "o1"), { accountId: "acc", orgIdentifier: "o1" })).toBe(true);
    expect(covers(key("acc", "o1", "p1"), { accountId: "acc", orgIdentifier: "o1" })).toBe(false);
    expect(covers(key("acc"), { accountId: "acc" })).toBe(true);
    expect(covers(key("acc"), { accountId: "other" })).toBe(false);
  });
});

describe("roles", () => {
  const perms = (r: RoleId) => ROLES[r].permissions;
  it("each role holds every permission of the one below it, and more", () => {
    const ladder: RoleId[] = ["viewer", "editor", "project_admin", "org_admin", "account_admin"];
    for (const [lower, upper] of ladder.slice(0, -1).map((r, i) => [r, ladder[i + 1]!] as const)) {
      for (const p of perms(lower)) expect(perms(upper).has(p), `${upper} lacks ${p}`).toBe(true);
      expect(perms(upper).size).toBeGreaterThan(perms(lower).size);
    }
  });

  it("a viewer only views", () => {
    for (const p of perms("viewer")) expect(p).toMatch(/:view$/);
    expect([...perms("viewer")]).toEqual(expect.arrayContaining(["connector:view", "secret:view", "audit:view"]));
  });

  it("an editor changes, deletes and tests resources and may reference secrets; nothing about people or scopes", () => {
    for (const k of ["connector", "secret", "environment", "infrastructure", "gitops_agent", "gitops_cluster"])
      for (const a of ["edit", "delete"]) expect(perms("editor").has(`${k}:${a}` as Permission)).toBe(true);
    for (const p of ["connector:test", "gitops_cluster:test", "secret:access"] as const)
      expect(perms("editor").has(p)).toBe(true);
    for (const p of [
      "access:manage",
      "user:manage",
      "oidc:manage",
      "org:edit",
      "org:delete",
      "project:edit",
      "project:delete",
      "server_identity:use",
    ] as const)
      expect(perms("editor").has(p), p).toBe(false);
  });

  it("admin powers grow with the level: project, then org, then account", () => {
    expect(perms("project_admin").has("access:manage")).toBe(true);
    expect(perms("project_admin").has("project:edit")).toBe(true);
    expect(perms("project_admin").has("project:delete")).toBe(false);
    expect(perms("org_admin").has("project:delete")).toBe(true);
    expect(perms("org_admin").has("org:edit")).toBe(true);
    expect(perms("org_admin").has("org:delete")).toBe(false);
    // Only an Account Admin manages users and the OIDC keys, deletes orgs and runs as Conduit itself.
    for (const p of ["user:manage", "oidc:manage", "org:delete", "server_identity:use"] as const)
      expect(roleIds.filter((r) => perms(r).has(p))).toEqual(["account_admin"]);
  });

  it("the least role with a permission is the one a 403 suggests", () => {
    expect(leastRoleWith("connector:view")?.id).toBe("viewer");
    expect(leastRoleWith("connector:edit")?.id).toBe("editor");
    expect(leastRoleWith("access:manage")?.id).toBe("project_admin");
    expect(leastRoleWith("project:delete")?.id).toBe("org_admin");
    expect(leastRoleWith("user:manage")?.id).toBe("account_admin");
    expect(leastRoleWith("audit:delete")).toBeUndefined();
  });
});

describe("can", () => {
  it("agrees with the model for any grants, permission and scope", () => {
    fc.assert(
      fc.property(userArb, permissionArb, scopeArb, (who, p, at) => {
        expect(can(who, p, at)).toBe(modelCan(who, p, at));
      }),
      { numRuns: 500 },
    );
  });

  it("never loses a permission when a grant is added", () => {
    fc.assert(
      fc.property(userArb, grantArb, permissionArb, scopeArb, (who, extra, p, at) => {
        if (can(who, p, at)) expect(can({ ...who, grants: [...(who.grants ?? []), extra] }, p, at)).toBe(true);
      }),
    );
  });

  it("denies by default: no caller, no grants, a role nobody defined, another account", () => {
    const at = key("acc", "o1", "p1");
    expect(can(undefined, "connector:view", at)).toBe(false);
    expect(can({ kind: "user" }, "connector:view", at)).toBe(false);
    expect(can({ kind: "user", grants: [] }, "connector:view", at)).toBe(false);
    for (const role of ["superuser", "__proto__", "constructor", "toString", "hasOwnProperty", ""])
      expect(can({ kind: "user", grants: [{ role, scope: key("acc") }] }, "connector:view", at), role).toBe(false);
    expect(can(user(["account_admin", key("other")]), "connector:view", at)).toBe(false);
  });

  it("a project grant does not reach the org, a sibling project or another org", () => {
    const who = user(["editor", key("acc", "o1", "p1")]);
    expect(can(who, "connector:edit", key("acc", "o1", "p1"))).toBe(true);
    expect(can(who, "connector:edit", key("acc", "o1"))).toBe(false);
    expect(can(who, "connector:edit", key("acc", "o1", "p2"))).toBe(false);
    expect(can(who, "connector:edit", key("acc", "o2", "p1"))).toBe(false);
    expect(can(who, "connector:edit", key("acc"))).toBe(false);
  });

  it("Conduit itself may do anything anywhere", () => {
    fc.assert(
      fc.property(permissionArb, scopeArb, (p, at) => {
        expect(can({ kind: "system" }, p, at)).toBe(true);
      }),
    );
  });
});

describe("knowsScope", () => {
  it("knows a scope with a grant at it, above it or inside it, and nothing else", () => {
    fc.assert(
      fc.property(userArb, scopeArb, (who, at) => {
        const model = (who.grants ?? []).some(
          (g) => ancestors(at).some((a) => same(a, g.scope)) || ancestors(g.scope).some((a) => same(a, at)),
        );
        expect(knowsScope(who, at)).toBe(model);
      }),
      { numRuns: 500 },
    );
  });

  it("knows every scope where it may do anything", () => {
    fc.assert(
      fc.property(userArb, permissionArb, scopeArb, (who, p, at) => {
        if (can(who, p, at)) expect(knowsScope(who, at)).toBe(true);
      }),
    );
  });

  it("a project member knows its org and the account, not a sibling project or another org", () => {
    const who = user(["viewer", key("acc", "o1", "p1")]);
    expect(knowsScope(who, { accountId: "acc", orgIdentifier: "o1" })).toBe(true);
    expect(knowsScope(who, { accountId: "acc" })).toBe(true);
    expect(knowsScope(who, { accountId: "acc", orgIdentifier: "o1", projectIdentifier: "p2" })).toBe(false);
    expect(knowsScope(who, { accountId: "acc", orgIdentifier: "o2" })).toBe(false);
    expect(knowsScope(who, { accountId: "other" })).toBe(false);
    expect(knowsScope(undefined, { accountId: "acc" })).toBe(false);
    expect(knowsScope({ kind: "system" }, { accountId: "x", orgIdentifier: "y", projectIdentifier: "z" })).toBe(true);
  });
});

describe("permissionsAt", () => {
  it("lists, sorted and once each, exactly the permissions `can` allows there", () => {
    fc.assert(
      fc.property(userArb, scopeArb, (who, at) => {
        const listed = permissionsAt(who, at);
        expect(listed).toEqual([...new Set(listed)].sort());
        expect(listed).toEqual(everyPermission.filter((p) => can(who, p, at)).sort());
      }),
      { numRuns: 300 },
    );
  });

  it("is empty without a caller and everything for Conduit itself", () => {
    expect(permissionsAt(undefined, key("acc"))).toEqual([]);
    const all = new Set(roleIds.flatMap((r) => [...ROLES[r].permissions]));
    expect(permissionsAt({ kind: "system" }, key("acc", "o1"))).toEqual([...all].sort());
  });
});
