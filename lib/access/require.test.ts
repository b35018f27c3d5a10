// requirePermission: allowed, a 403 that names the permission (and the role that has it), or —
// for a scope the caller may not know — the very 404 a scope that does not exist gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { Grant, ScopeKey } from "@/lib/scope";
import { resolveScope } from "@/lib/scopes/service";
import { can, knowsScope, resourceKinds, roleIds, type Permission, type Principal, type RoleId } from "./permissions";
import { forbidden, requirePermission, scopeNotFound } from "./require";

const actions = ["view", "edit", "delete", "test", "access", "manage", "use"] as const;
const permissionArb = fc.constantFrom(...resourceKinds.flatMap((k) => actions.map((a): Permission => `${k}:${a}`)));
const scopeArb: fc.Arbitrary<ScopeKey> = fc
  .tuple(fc.constantFrom("", "o1", "o2"), fc.constantFrom("", "p1", "p2"))
  .map(([o, p]) => ({ accountId: "acc", orgIdentifier: o, projectIdentifier: o ? p : "" }));
const userArb: fc.Arbitrary<Principal> = fc.record({
  kind: fc.constant("user" as const),
  grants: fc.array(fc.record({ role: fc.constantFrom<RoleId>(...roleIds), scope: scopeArb }) as fc.Arbitrary<Grant>, {
    maxLength: 3,
  }),
});

function thrown(f: () => void): AppError | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

const viewerAt = (orgIdentifier: string, projectIdentifier = ""): Principal => ({
  kind: "user",
  grants: [{ role: "viewer", scope: { accountId: "acc", orgIdentifier, projectIdentifier } }],
});

describe("requirePermission", () => {
  it("passes exactly when `can` allows; else 404 for an unknown org/project scope, else 403 naming the permission", () => {
    fc.assert(
      fc.property(userArb, permissionArb, scopeArb, (who, p, at) => {
        const err = thrown(() => requirePermission(who, p, at));
        if (can(who, p, at)) {
          expect(err).toBeNull();
        } else if (at.orgIdentifier && !knowsScope(who, at)) {
          expect(err!.code).toBe("NOT_FOUND");
          expect(err!.detail).toBe(scopeNotFound(at).detail);
          // Nothing in a 404 hints that the scope exists or what was asked.
          expect(JSON.stringify(err!.options)).not.toContain(p);
        } else {
          expect(err!.code).toBe("FORBIDDEN");
          expect(err!.status).toBe(403);
          expect(err!.detail).toContain(`"${p}"`);
          expect(err!.options.extra).toMatchObject({ permission: p });
        }
      }),
      { numRuns: 500 },
    );
  });

  it("says where and which role has it", () => {
    const err = thrown(() =>
      requirePermission(viewerAt("o1", "p1"), "connector:edit", {
        accountId: "acc",
        orgIdentifier: "o1",
        projectIdentifier: "p1",
      }),
    );
    expect(err).toMatchObject({
      code: "FORBIDDEN",
      detail: 'You need the "connector:edit" permission in project "p1" in org "o1" (Editor has it)',
      options: { extra: { permission: "connector:edit", scope: { orgIdentifier: "o1", projectIdentifier: "p1" } } },
    });
    expect(forbidden("org:delete", { accountId: "acc" }).detail).toBe(
      'You need the "org:delete" permission in the account (Account Admin has it)',
    );
  });

  it("a project member asking about its org is refused (403), a sibling project does not exist for it (404)", () => {
    const who = viewerAt("o1", "p1");
    expect(thrown(() => requirePermission(who, "org:view", { accountId: "acc", orgIdentifier: "o1" }))?.code).toBe(
      "FORBIDDEN",
    );
    const sibling = thrown(() =>
      requirePermission(who, "connector:view", { accountId: "acc", orgIdentifier: "o1", projectIdentifier: "p2" }),
    );
    expect(sibling).toMatchObject({ code: "NOT_FOUND", detail: 'Project "p2" does not exist in organization "o1"' });
    const otherOrg = thrown(() => requirePermission(who, "connector:view", { accountId: "acc", orgIdentifier: "o2" }));
    expect(otherOrg).toMatchObject({ code: "NOT_FOUND", detail: 'Organization "o2" does not exist' });
  });

  it("is a 403, never a 404, at account scope (everyone knows the account)", () => {
    fc.assert(
      fc.property(userArb, permissionArb, (who, p) => {
        const err = thrown(() => requirePermission(who, p, { accountId: "acc" }));
        if (err) expect(err.code).toBe("FORBIDDEN");
      }),
    );
    expect(thrown(() => requirePermission(undefined, "connector:view", { accountId: "acc" }))?.code).toBe("FORBIDDEN");
  });

  it("lets Conduit itself through everywhere", () => {
    expect(
      thrown(() => requirePermission({ kind: "system" }, "org:delete", { accountId: "x", orgIdentifier: "y" })),
    ).toBeNull();
  });
});

describe("scopeNotFound", () => {
  // The promise "same 404 as a scope that does not exist" holds only while the wording matches
  // resolveScope's, which is checked here against the real thing.
  it("words the 404 exactly as resolveScope does for a missing org or project", async () => {
    const accountId = env().CONDUIT_ACCOUNT_ID;
    const missingOrg = await resolveScope({ org: "no_such_org_req" }).catch((e: unknown) => e);
    expect(missingOrg).toBeInstanceOf(AppError);
    expect(missingOrg).toMatchObject({
      code: "NOT_FOUND",
      detail: scopeNotFound({ accountId, orgIdentifier: "no_such_org_req" }).detail,
    });
    // The seed made the "default" organization.
    const missingProject = await resolveScope({ org: "default", project: "no_such_project" }).catch((e: unknown) => e);
    expect(missingProject).toMatchObject({
      code: "NOT_FOUND",
      detail: scopeNotFound({ accountId, orgIdentifier: "default", projectIdentifier: "no_such_project" }).detail,
    });
  });
});
