// Role bindings against PostgreSQL: who may grant what where (never more than they hold, admin
// roles only at their own level), the last Account Admin, and the audit trail. Each test works
// in an account of its own, so other files' admins do not count here.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { SYSTEM_ACTOR, type Actor, type Scope } from "@/lib/scope";
import { actorWith, principal, type GrantSpec } from "@/scripts/lib/test-principals";
import { createBinding, deleteBinding, grantsOf, listBindings } from "./bindings";

function account() {
  const accountId = `bind_${randomBytes(4).toString("hex")}`;
  const at = {
    account: { level: "account", accountId } as Scope,
    org: { level: "org", accountId, orgIdentifier: "o" } as Scope,
    project: { level: "project", accountId, orgIdentifier: "o", projectIdentifier: "p1" } as Scope,
    sibling: { level: "project", accountId, orgIdentifier: "o", projectIdentifier: "p2" } as Scope,
  };
  const actor = (grants: Omit<GrantSpec, "accountId">[], id = "granter"): Actor =>
    actorWith(
      grants.map((g) => ({ ...g, accountId })),
      { id, name: `${id}@example.com`, requestId: `req-${id}` },
    );
  return { accountId, at, actor };
}

const userId = async () => (await principal({ name: "Grantee" })).actor.id;
const bindingOf = (role: Parameters<typeof createBinding>[0]["input"]["role"], id: string) => ({
  role,
  principal: { kind: "user" as const, id },
});

async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("createBinding", () => {
  it("binds admin roles only at their own level or above, whoever asks", async () => {
    const { at } = account();
    const id = await userId();
    const acctAdminAtOrg = await refused(
      createBinding({ scope: at.org, input: bindingOf("account_admin", id), by: SYSTEM_ACTOR }),
    );
    expect(acctAdminAtOrg).toMatchObject({
      code: "VALIDATION_FAILED",
      options: { fieldErrors: { role: expect.any(Array) } },
    });
    expect(
      (await refused(createBinding({ scope: at.project, input: bindingOf("account_admin", id), by: SYSTEM_ACTOR })))
        .code,
    ).toBe("VALIDATION_FAILED");
    expect(
      (await refused(createBinding({ scope: at.project, input: bindingOf("org_admin", id), by: SYSTEM_ACTOR }))).code,
    ).toBe("VALIDATION_FAILED");
    // At their level they are fine.
    await createBinding({ scope: at.org, input: bindingOf("org_admin", id), by: SYSTEM_ACTOR });
    await createBinding({ scope: at.account, input: bindingOf("account_admin", id), by: SYSTEM_ACTOR });
    await createBinding({ scope: at.project, input: bindingOf("project_admin", id), by: SYSTEM_ACTOR });
  });

  it("lets a Project Admin grant roles in its project, audited with who did it", async () => {
    const { at, actor } = account();
    const by = actor([{ role: "project_admin", org: "o", project: "p1" }], "pa-user");
    const id = await userId();
    const made = await createBinding({ scope: at.project, input: bindingOf("editor", id), by });
    expect(made).toMatchObject({
      role: "editor",
      roleName: "Editor",
      orgIdentifier: "o",
      projectIdentifier: "p1",
      principal: { kind: "user", id, name: "Grantee" },
      createdBy: "pa-user@example.com",
    });
    expect(await grantsOf("user", id)).toContainEqual({
      role: "editor",
      scope: { accountId: at.project.accountId, orgIdentifier: "o", projectIdentifier: "p1" },
    });
    const event = await db.auditEvent.findFirst({ where: { entityType: "RoleBinding", entityId: made.id } });
    expect(event).toMatchObject({
      action: "CREATE",
      actor: "pa-user@example.com",
      actorId: "pa-user",
      actorKind: "user",
      requestId: "req-pa-user",
      accountId: at.project.accountId,
      orgIdentifier: "o",
      projectIdentifier: "p1",
    });
    expect(event?.diff).toMatchObject({ role: { from: null, to: "editor" }, principal: { to: `user:${id}` } });
    // The same binding twice is a named 409.
    expect((await refused(createBinding({ scope: at.project, input: bindingOf("editor", id), by }))).code).toBe(
      "ALREADY_EXISTS",
    );
    expect((await listBindings(at.project)).filter((b) => b.principal.id === id)).toHaveLength(1);
  });

  it("never hands out more than the granter holds: a Project Admin cannot make an Org Admin", async () => {
    const { at, actor } = account();
    const id = await userId();
    // A Project Admin of p1 does not hold the org: 403 (it knows the org exists).
    const fromProject = await refused(
      createBinding({
        scope: at.org,
        input: bindingOf("org_admin", id),
        by: actor([{ role: "project_admin", org: "o", project: "p1" }]),
      }),
    );
    expect(fromProject.code).toBe("FORBIDDEN");
    // A Project Admin bound at the org still lacks project:delete and org:edit there.
    const fromOrg = await refused(
      createBinding({
        scope: at.org,
        input: bindingOf("org_admin", id),
        by: actor([{ role: "project_admin", org: "o" }]),
      }),
    );
    expect(fromOrg.code).toBe("FORBIDDEN");
    expect(["project:delete", "org:edit"]).toContain(fromOrg.options.extra?.permission);
    expect(fromOrg.detail).toMatch(/"(project:delete|org:edit)"/);
    // Nor can it reach a sibling project, which it may not even know of.
    const sibling = await refused(
      createBinding({
        scope: at.sibling,
        input: bindingOf("viewer", id),
        by: actor([{ role: "project_admin", org: "o", project: "p1" }]),
      }),
    );
    expect(sibling.code).toBe("NOT_FOUND");
    // And an Org Admin cannot make an Account Admin.
    const fromOrgAdmin = await refused(
      createBinding({
        scope: at.account,
        input: bindingOf("account_admin", id),
        by: actor([{ role: "org_admin", org: "o" }]),
      }),
    );
    expect(fromOrgAdmin.code).toBe("FORBIDDEN");
    expect(await grantsOf("user", id)).toEqual([]);
  });

  it("refuses a principal that does not exist", async () => {
    const { at } = account();
    const err = await refused(
      createBinding({ scope: at.project, input: bindingOf("viewer", "no-such-user"), by: SYSTEM_ACTOR }),
    );
    expect(err).toMatchObject({
      code: "VALIDATION_FAILED",
      options: { fieldErrors: { "principal.id": ["Does not exist"] } },
    });
  });
});

describe("deleteBinding", () => {
  it("keeps the last Account Admin; with a second one either may go, then the other is the last", async () => {
    const { at, actor } = account();
    const [first, second] = [await userId(), await userId()];
    const a = await createBinding({ scope: at.account, input: bindingOf("account_admin", first), by: SYSTEM_ACTOR });
    const by = actor([{ role: "account_admin" }], "remover");
    const last = await refused(deleteBinding({ scope: at.account, id: a.id, by }));
    expect(last).toMatchObject({
      code: "CONFLICT",
      detail: "This is the last enabled Account Admin; bind another one first",
    });

    const b = await createBinding({ scope: at.account, input: bindingOf("account_admin", second), by: SYSTEM_ACTOR });
    await deleteBinding({ scope: at.account, id: a.id, by });
    expect(await grantsOf("user", first)).toEqual([]);
    expect((await refused(deleteBinding({ scope: at.account, id: b.id, by }))).code).toBe("CONFLICT");

    const event = await db.auditEvent.findFirst({
      where: { entityType: "RoleBinding", entityId: a.id, action: "DELETE" },
    });
    expect(event).toMatchObject({ actorId: "remover", actorKind: "user", requestId: "req-remover" });
    expect(event?.diff).toMatchObject({ role: { from: "account_admin", to: null } });
  });

  it("a service account's Account Admin binding does not count as, nor is protected as, the last admin", async () => {
    const { at } = account();
    const human = await userId();
    const robot = (await principal({ kind: "serviceAccount" })).actor.id;
    const h = await createBinding({ scope: at.account, input: bindingOf("account_admin", human), by: SYSTEM_ACTOR });
    const r = await createBinding({
      scope: at.account,
      input: { role: "account_admin", principal: { kind: "serviceAccount", id: robot } },
      by: SYSTEM_ACTOR,
    });
    expect((await refused(deleteBinding({ scope: at.account, id: h.id, by: SYSTEM_ACTOR }))).code).toBe("CONFLICT");
    await deleteBinding({ scope: at.account, id: r.id, by: SYSTEM_ACTOR });
    expect(await grantsOf("serviceAccount", robot)).toEqual([]);
  });

  it("finds a binding only at the scope asked: another scope's id is 404", async () => {
    const { at } = account();
    const id = await userId();
    const b = await createBinding({ scope: at.project, input: bindingOf("viewer", id), by: SYSTEM_ACTOR });
    const err = await refused(deleteBinding({ scope: at.sibling, id: b.id, by: SYSTEM_ACTOR }));
    expect(err.code).toBe("NOT_FOUND");
    expect(await grantsOf("user", id)).toHaveLength(1);
  });
});

describe("taking roles away and acting for service accounts need as much as giving them", () => {
  it("a Project Admin bound at the account cannot remove an Account Admin's binding", async () => {
    const { at, actor } = account();
    const [boss, other] = [await userId(), await userId()];
    const a = await createBinding({ scope: at.account, input: bindingOf("account_admin", boss), by: SYSTEM_ACTOR });
    await createBinding({ scope: at.account, input: bindingOf("account_admin", other), by: SYSTEM_ACTOR });
    const err = await refused(deleteBinding({ scope: at.account, id: a.id, by: actor([{ role: "project_admin" }]) }));
    expect(err.code).toBe("FORBIDDEN");
    expect(await grantsOf("user", boss)).toHaveLength(1);
  });

  it("an Editor cannot grant even Viewer when calling the service directly", async () => {
    const { at, actor } = account();
    const err = await refused(
      createBinding({
        scope: at.project,
        input: bindingOf("viewer", await userId()),
        by: actor([{ role: "editor", org: "o", project: "p1" }]),
      }),
    );
    expect(err).toMatchObject({ code: "FORBIDDEN", detail: expect.stringContaining('"access:manage"') });
  });

  it("a disabled Account Admin does not count: the last enabled one stays", async () => {
    const { at, actor } = account();
    const [first, second] = [await userId(), await userId()];
    const a = await createBinding({ scope: at.account, input: bindingOf("account_admin", first), by: SYSTEM_ACTOR });
    await createBinding({ scope: at.account, input: bindingOf("account_admin", second), by: SYSTEM_ACTOR });
    await db.user.update({ where: { id: second }, data: { disabled: true } });
    const err = await refused(deleteBinding({ scope: at.account, id: a.id, by: actor([{ role: "account_admin" }]) }));
    expect(err).toMatchObject({ code: "CONFLICT" });
  });

  it("minting a service account's token or deleting it needs control of every role it holds", async () => {
    const { accountId, at, actor } = account();
    const { createServiceAccount, deleteServiceAccount, requireControlOf } = await import("./service-accounts");
    const sa = await createServiceAccount({
      scope: at.project,
      input: { identifier: "ci", name: "CI", description: "" },
      by: SYSTEM_ACTOR,
    });
    await createBinding({
      scope: at.org,
      input: { role: "org_admin", principal: { kind: "serviceAccount", id: sa.id } },
      by: SYSTEM_ACTOR,
    });
    const projectAdmin = actor([{ role: "project_admin", org: "o", project: "p1" }]);
    expect((await refused(requireControlOf(projectAdmin, sa.id))).code).toBe("FORBIDDEN");
    expect((await refused(deleteServiceAccount({ scope: at.project, identifier: "ci", by: projectAdmin }))).code).toBe(
      "FORBIDDEN",
    );
    await requireControlOf(actor([{ role: "org_admin", org: "o" }]), sa.id);
    expect(await db.serviceAccount.count({ where: { accountId, identifier: "ci" } })).toBe(1);
  });
});
