// Service accounts: non-human principals at a scope, with role bindings and tokens. Deleting one
// deletes its tokens (cascade) and its role bindings.
import "server-only";
import { db } from "@/lib/db";
import { defineResource } from "@/lib/resource/kernel";
import { scopeKey, scopeLabel, type Actor, type Scope, type ScopeKey } from "@/lib/scope";
import { requireRoleControl } from "./bindings";
import type { ServiceAccountDto } from "./schemas";

type Row = NonNullable<Awaited<ReturnType<typeof db.serviceAccount.findFirst>>>;

const toDto = (r: Row): ServiceAccountDto => ({
  id: r.id,
  identifier: r.identifier,
  name: r.name,
  description: r.description,
  orgIdentifier: r.orgIdentifier,
  projectIdentifier: r.projectIdentifier,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

const accounts = defineResource<Row, ScopeKey>({
  type: "ServiceAccount",
  where: (k) => `in ${scopeLabel(k)}`,
  find: (k, identifier) => db.serviceAccount.findFirst({ where: { ...k, identifier } }),
  reload: (tx, id) => tx.serviceAccount.findUnique({ where: { id } }),
  auditable: (r) => ({ identifier: r.identifier, name: r.name, description: r.description }),
  auditScope: (k) => k,
});

export async function listServiceAccounts(scope: Scope): Promise<ServiceAccountDto[]> {
  const rows = await db.serviceAccount.findMany({ where: scopeKey(scope), orderBy: { identifier: "asc" } });
  return rows.map(toDto);
}

export async function getServiceAccount(scope: Scope, identifier: string) {
  return accounts.get(scopeKey(scope), identifier);
}

/** The service account at `scope` as the owner of tokens (404 when there is none). */
export async function serviceAccountOwner(scope: Scope, identifier: string) {
  return { kind: "serviceAccount" as const, id: (await getServiceAccount(scope, identifier)).id };
}

export async function createServiceAccount(opts: {
  scope: Scope;
  input: { identifier: string; name: string; description: string };
  by: Actor;
}) {
  const key = scopeKey(opts.scope);
  await accounts.assertFree(key, opts.input.identifier);
  const row = await accounts.create({ key, by: opts.by }, opts.input.identifier, (tx) =>
    tx.serviceAccount.create({ data: { ...key, ...opts.input } }),
  );
  return toDto(row);
}

/**
 * Acting for a service account (minting its token, deleting it with its bindings) needs control
 * of every role it holds, wherever it holds them: else a token would carry more than its maker has.
 */
export async function requireControlOf(by: Actor, serviceAccountId: string): Promise<void> {
  const bindings = await db.roleBinding.findMany({
    where: { principalKind: "serviceAccount", principalId: serviceAccountId },
  });
  for (const b of bindings)
    requireRoleControl(by, b.role, {
      accountId: b.accountId,
      orgIdentifier: b.orgIdentifier,
      projectIdentifier: b.projectIdentifier,
    });
}

export async function deleteServiceAccount(opts: { scope: Scope; identifier: string; by: Actor }) {
  const key = scopeKey(opts.scope);
  const row = await accounts.get(key, opts.identifier);
  await requireControlOf(opts.by, row.id);
  await accounts.remove({ key, by: opts.by }, row, async (tx) => {
    await tx.roleBinding.deleteMany({ where: { principalKind: "serviceAccount", principalId: row.id } });
    await tx.serviceAccount.delete({ where: { id: row.id } });
  });
}
