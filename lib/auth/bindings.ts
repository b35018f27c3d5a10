// Role bindings: a role for a user or a service account at a scope. Reading them makes a
// request's grants; changing them needs `access:manage` at the binding's scope and is audited.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/http/errors";
import { ROLES, requirePermission, type RoleId } from "@/lib/access";
import { scopeKey, scopeLabel, type Actor, type Grant, type Scope, type ScopeKey } from "@/lib/scope";
import type { RoleMapping } from "./config";
import type { RoleBindingCreate, RoleBindingDto } from "./schemas";

export async function grantsOf(kind: "user" | "serviceAccount", id: string): Promise<Grant[]> {
  const rows = await db.roleBinding.findMany({ where: { principalKind: kind, principalId: id } });
  return rows.map((r) => ({
    role: r.role,
    scope: { accountId: r.accountId, orgIdentifier: r.orgIdentifier, projectIdentifier: r.projectIdentifier },
  }));
}

/** Bindings for a just-in-time SSO user, from the configured group and domain mappings. */
export async function bindJustInTimeUser(userId: string, mappings: RoleMapping[]): Promise<void> {
  const accountId = env().CONDUIT_ACCOUNT_ID;
  for (const m of mappings) {
    await db.roleBinding.upsert({
      where: {
        accountId_orgIdentifier_projectIdentifier_principalKind_principalId_role: {
          accountId,
          ...m.scope,
          principalKind: "user",
          principalId: userId,
          role: m.role,
        },
      },
      create: { accountId, ...m.scope, principalKind: "user", principalId: userId, role: m.role, createdBy: "sso" },
      update: {},
    });
  }
}

/** Which scopes a role may be bound at: admin roles only at their own level or above. */
function checkRoleAtScope(role: RoleId, scope: Scope) {
  if (role === "account_admin" && scope.level !== "account")
    throw new AppError("VALIDATION_FAILED", "Account Admin can be bound only at account scope", {
      fieldErrors: { role: ["Only at account scope"] },
    });
  if (role === "org_admin" && scope.level === "project")
    throw new AppError("VALIDATION_FAILED", "Org Admin can be bound at account or org scope", {
      fieldErrors: { role: ["Not at project scope"] },
    });
}

async function principalNames(rows: { principalKind: string; principalId: string }[]) {
  const userIds = rows.filter((r) => r.principalKind === "user").map((r) => r.principalId);
  const saIds = rows.filter((r) => r.principalKind === "serviceAccount").map((r) => r.principalId);
  const [users, sas] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.serviceAccount.findMany({ where: { id: { in: saIds } }, select: { id: true, name: true, identifier: true } }),
  ]);
  const names = new Map<string, { name: string; detail: string }>();
  for (const u of users) names.set(`user:${u.id}`, { name: u.name, detail: u.email });
  for (const s of sas) names.set(`serviceAccount:${s.id}`, { name: s.name, detail: s.identifier });
  return names;
}

/** The bindings made at exactly this scope. */
export async function listBindings(scope: Scope): Promise<RoleBindingDto[]> {
  const rows = await db.roleBinding.findMany({ where: scopeKey(scope), orderBy: [{ createdAt: "asc" }] });
  const names = await principalNames(rows);
  return rows.map((r) => {
    const who = names.get(`${r.principalKind}:${r.principalId}`) ?? { name: "(deleted)", detail: r.principalId };
    return {
      id: r.id,
      role: r.role as RoleId,
      roleName: ROLES[r.role as RoleId]?.name ?? r.role,
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      principal: { kind: r.principalKind as "user" | "serviceAccount", id: r.principalId, ...who },
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
    };
  });
}

async function assertPrincipalExists(p: RoleBindingCreate["principal"]) {
  const found =
    p.kind === "user"
      ? await db.user.findUnique({ where: { id: p.id }, select: { id: true } })
      : await db.serviceAccount.findUnique({ where: { id: p.id }, select: { id: true } });
  if (!found)
    throw new AppError("VALIDATION_FAILED", `No ${p.kind === "user" ? "user" : "service account"} has id "${p.id}"`, {
      fieldErrors: { "principal.id": ["Does not exist"] },
    });
}

/**
 * Giving or taking away a role needs `access:manage` there and every permission the role
 * carries, so nobody hands out, or removes from someone else, more than they hold themselves.
 */
export function requireRoleControl(by: Actor, role: string, at: ScopeKey): void {
  requirePermission(by, "access:manage", at);
  const def = Object.hasOwn(ROLES, role) ? ROLES[role as RoleId] : undefined;
  for (const p of def?.permissions ?? []) requirePermission(by, p, at);
}

/** Enabled users holding Account Admin in the account, other than `except`. */
export async function otherActiveAccountAdmins(accountId: string, except: string): Promise<number> {
  const bindings = await db.roleBinding.findMany({
    where: { accountId, orgIdentifier: "", projectIdentifier: "", role: "account_admin", principalKind: "user" },
    select: { principalId: true },
  });
  const ids = bindings.map((b) => b.principalId).filter((id) => id !== except);
  return ids.length ? db.user.count({ where: { id: { in: ids }, disabled: false } }) : 0;
}

export async function createBinding(opts: { scope: Scope; input: RoleBindingCreate; by: Actor }) {
  const { scope, input, by } = opts;
  checkRoleAtScope(input.role, scope);
  requireRoleControl(by, input.role, scopeKey(scope));
  await assertPrincipalExists(input.principal);
  const key = scopeKey(scope);
  const data = {
    ...key,
    role: input.role,
    principalKind: input.principal.kind,
    principalId: input.principal.id,
  };
  const existing = await db.roleBinding.findFirst({ where: data });
  if (existing)
    throw new AppError(
      "ALREADY_EXISTS",
      `That principal already has ${ROLES[input.role].name} in ${scopeLabel(scope)}`,
    );
  const row = await db.$transaction(async (tx) => {
    const created = await tx.roleBinding.create({ data: { ...data, createdBy: by.name } });
    await recordAudit(tx, {
      actor: by,
      requestId: by.requestId,
      action: "CREATE",
      entityType: "RoleBinding",
      entityId: created.id,
      scope: key,
      after: { role: input.role, principal: `${input.principal.kind}:${input.principal.id}` },
    });
    return created;
  });
  return (await listBindings(scope)).find((b) => b.id === row.id)!;
}

export async function deleteBinding(opts: { scope: Scope; id: string; by: Actor }) {
  const { scope, id, by } = opts;
  const key = scopeKey(scope);
  const row = await db.roleBinding.findFirst({ where: { id, ...key } });
  if (!row) throw new AppError("NOT_FOUND", `Role binding "${id}" does not exist in ${scopeLabel(scope)}`);
  requireRoleControl(by, row.role, key);
  if (
    row.role === "account_admin" &&
    row.principalKind === "user" &&
    !key.orgIdentifier &&
    (await otherActiveAccountAdmins(key.accountId, row.principalId)) === 0
  )
    throw new AppError("CONFLICT", "This is the last enabled Account Admin; bind another one first");
  await db.$transaction(async (tx) => {
    await tx.roleBinding.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      actor: by,
      requestId: by.requestId,
      action: "DELETE",
      entityType: "RoleBinding",
      entityId: row.id,
      scope: key,
      before: { role: row.role, principal: `${row.principalKind}:${row.principalId}` },
    });
  });
}
