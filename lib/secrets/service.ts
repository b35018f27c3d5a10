// Secrets: create, replace, delete, and resolve references. Values are sealed on the way in
// and only ever opened by readSecretValue (for AWS calls), never returned by an API.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/service";
import { parseSecretRef } from "@/lib/connectors/schemas";
import { AppError } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import type { Actor, Scope } from "@/lib/scopes/service";
import { open, seal, type Sealed } from "./crypto";
import { keyring } from "./key";
import * as q from "./queries";
import type { SecretCreate, SecretDto, SecretUpdate } from "./schemas";

type SecretRow = NonNullable<Awaited<ReturnType<typeof q.findSecret>>>;

export const scopeKey = (s: Pick<Scope, "accountId" | "orgIdentifier" | "projectIdentifier">): q.ScopeKey => ({
  accountId: s.accountId,
  orgIdentifier: s.orgIdentifier ?? "",
  projectIdentifier: s.projectIdentifier ?? "",
});

/** The scope itself and the scopes above it, nearest first. */
export function scopeChain(s: Scope): q.ScopeKey[] {
  const chain = [scopeKey(s)];
  if (s.projectIdentifier)
    chain.push({ accountId: s.accountId, orgIdentifier: s.orgIdentifier ?? "", projectIdentifier: "" });
  if (s.orgIdentifier) chain.push({ accountId: s.accountId, orgIdentifier: "", projectIdentifier: "" });
  return chain;
}

const levelOf = (r: { orgIdentifier: string; projectIdentifier: string }) =>
  r.projectIdentifier ? "project" : r.orgIdentifier ? "org" : "account";

/** How an entity in `from` refers to the secret: same scope → bare id, else account./org. prefix. */
export function refFrom(from: Scope, r: SecretRow): string {
  const level = levelOf(r);
  if (level === from.level) return r.identifier;
  return `${level}.${r.identifier}`;
}

const aad = (r: { id: string; accountId: string }) => `${r.accountId}/${r.id}`;
const auditable = (r: Pick<SecretRow, "identifier" | "name" | "description" | "tags">, valueChanged = false) => ({
  identifier: r.identifier,
  name: r.name,
  description: r.description,
  tags: r.tags,
  ...(valueChanged ? { value: "changed" } : {}),
});

export function toSecretDto(from: Scope, r: SecretRow): SecretDto {
  return {
    identifier: r.identifier,
    name: r.name,
    description: r.description,
    tags: (r.tags ?? {}) as Record<string, string>,
    orgIdentifier: r.orgIdentifier || null,
    projectIdentifier: r.projectIdentifier || null,
    scope: levelOf(r),
    ref: refFrom(from, r),
    valueConfigured: true,
    valueUpdatedAt: r.valueUpdatedAt.toISOString(),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function getRowOrThrow(scope: Scope, identifier: string): Promise<SecretRow> {
  const row = await q.findSecret(scopeKey(scope), identifier);
  if (!row) throw new AppError("NOT_FOUND", `Secret "${identifier}" does not exist in this scope`);
  return row;
}

export async function listSecrets(opts: { scope: Scope; q?: string; includeParents?: boolean }): Promise<SecretDto[]> {
  const rows = await q.listSecretRows(opts.includeParents ? scopeChain(opts.scope) : [scopeKey(opts.scope)], opts.q);
  return rows.map((r) => toSecretDto(opts.scope, r));
}

export async function getSecret(scope: Scope, identifier: string): Promise<SecretDto> {
  return toSecretDto(scope, await getRowOrThrow(scope, identifier));
}

export async function createSecret(opts: { scope: Scope; input: SecretCreate; by: Actor }): Promise<SecretDto> {
  const key = scopeKey(opts.scope);
  if (await q.findSecret(key, opts.input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `A secret "${opts.input.identifier}" already exists in this scope`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const id = randomUUID();
  const { value, ...meta } = opts.input;
  const row = await q.transaction(async (tx) => {
    const created = await q.insertSecret(tx, {
      id,
      ...key,
      ...meta,
      ...seal(value, keyring(), aad({ id, accountId: key.accountId })),
    });
    await recordAudit(tx, { ...audit(opts.by, opts.scope, created.identifier, "CREATE"), after: auditable(created) });
    return created;
  });
  return toSecretDto(opts.scope, row);
}

const audit = (by: Actor, scope: Scope, entityId: string, action: "CREATE" | "UPDATE" | "DELETE") => ({
  actor: by.actor,
  requestId: by.requestId,
  action,
  entityType: "Secret",
  entityId,
  scope,
});

export async function updateSecret(opts: {
  scope: Scope;
  identifier: string;
  input: SecretUpdate;
  version: number;
  by: Actor;
}): Promise<SecretDto> {
  const before = await getRowOrThrow(opts.scope, opts.identifier);
  const { value, version: _v, ...meta } = opts.input;
  const sealed = value === undefined ? {} : { ...seal(value, keyring(), aad(before)), valueUpdatedAt: new Date() };
  const after = await q.transaction(async (tx) => {
    if ((await q.updateSecretRow(tx, before.id, opts.version, { ...meta, ...sealed })) === 0) {
      throw versionConflict((await q.getSecretById(tx, before.id)).version);
    }
    const updated = await q.getSecretById(tx, before.id);
    await recordAudit(tx, {
      ...audit(opts.by, opts.scope, updated.identifier, "UPDATE"),
      before: auditable(before),
      after: auditable(updated, value !== undefined),
    });
    return updated;
  });
  return toSecretDto(opts.scope, after);
}

export async function deleteSecret(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const row = await getRowOrThrow(opts.scope, opts.identifier);
  const refs = await q.referencesOf(row.id);
  if (refs.length) {
    const names = [...new Set(refs.map((r) => r.connector.identifier))];
    throw new AppError(
      "IN_USE",
      `Connectors still use this secret: ${names.join(", ")}. Point them at another secret first.`,
      {
        extra: {
          references: refs.map((r) => ({
            type: "Connector",
            identifier: r.connector.identifier,
            name: r.connector.name,
            orgIdentifier: r.connector.orgIdentifier || null,
            projectIdentifier: r.connector.projectIdentifier || null,
            field: r.field,
          })),
        },
      },
    );
  }
  const gitops = await q.gitopsReferencesOf(row.id);
  if (gitops.length) {
    throw new AppError(
      "IN_USE",
      `GitOps clusters still use this secret: ${gitops.map((r) => r.cluster.identifier).join(", ")}. Point them at another secret first.`,
      {
        extra: {
          references: gitops.map((r) => ({
            type: "GitopsCluster",
            identifier: r.cluster.identifier,
            name: r.cluster.name,
            orgIdentifier: r.cluster.orgIdentifier,
            projectIdentifier: r.cluster.projectIdentifier,
            field: r.field,
          })),
        },
      },
    );
  }
  await q.transaction(async (tx) => {
    await q.deleteSecretRow(tx, row.id);
    await recordAudit(tx, { ...audit(opts.by, opts.scope, row.identifier, "DELETE"), before: auditable(row) });
  });
}

/** The secret a reference from `scope` points at, or null when it does not resolve. */
export async function resolveSecretRef(scope: Scope, ref: string): Promise<SecretRow | null> {
  const parsed = parseSecretRef(ref);
  if (!parsed) return null;
  if (parsed.scope === "account")
    return q.findSecret({ accountId: scope.accountId, orgIdentifier: "", projectIdentifier: "" }, parsed.identifier);
  if (parsed.scope === "org") {
    if (!scope.orgIdentifier) return null;
    return q.findSecret(
      { accountId: scope.accountId, orgIdentifier: scope.orgIdentifier, projectIdentifier: "" },
      parsed.identifier,
    );
  }
  return q.findSecret(scopeKey(scope), parsed.identifier);
}

/** Decrypts a secret row for an AWS call. Never log or return the result. */
export const openSecret = (row: Sealed & { id: string; accountId: string }): string => open(row, keyring(), aad(row));

/** Decrypts a referenced secret for an AWS call. Never log or return the result. */
export async function readSecretValue(scope: Scope, ref: string): Promise<string> {
  const row = await resolveSecretRef(scope, ref);
  if (!row) throw new AppError("NOT_FOUND", `Secret reference "${ref}" does not resolve from this scope`);
  return openSecret(row);
}
