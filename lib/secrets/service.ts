// Secrets: create, replace, delete, and resolve references. Values are sealed on the way in
// and only ever opened by readSecretValue (for AWS calls), never returned by an API.
import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/http/errors";
import { defineResource, rowMeta } from "@/lib/resource/kernel";
import {
  levelOf,
  parseScopedRef,
  refFrom,
  refTargetScope,
  scopeChain,
  scopeKey,
  scopeLabel,
  type Actor,
  type Scope,
  type ScopeKey,
} from "@/lib/scope";
import { open, seal, type Sealed } from "./crypto";
import { keyring } from "./key";
import * as q from "./queries";
import type { SecretCreate, SecretDto, SecretUpdate } from "./schemas";

type SecretRow = NonNullable<Awaited<ReturnType<typeof q.findSecret>>>;

const aad = (r: { id: string; accountId: string }) => `${r.accountId}/${r.id}`;

export const secrets = defineResource<SecretRow, ScopeKey>({
  type: "Secret",
  where: (key) => `in ${scopeLabel(key)}`,
  find: q.findSecret,
  reload: q.reloadSecret,
  // Never the value: when it was last replaced stands for it in the diff.
  auditable: (r) => ({
    identifier: r.identifier,
    name: r.name,
    description: r.description,
    tags: r.tags,
    valueUpdatedAt: r.valueUpdatedAt.toISOString(),
  }),
  auditScope: (key) => key,
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
    ref: refFrom(from, levelOf(r), r.identifier),
    valueConfigured: true,
    valueUpdatedAt: r.valueUpdatedAt.toISOString(),
    ...rowMeta(r),
  };
}

export async function listSecrets(opts: { scope: Scope; q?: string; includeParents?: boolean }): Promise<SecretDto[]> {
  const rows = await q.listSecretRows(opts.includeParents ? scopeChain(opts.scope) : [scopeKey(opts.scope)], opts.q);
  return rows.map((r) => toSecretDto(opts.scope, r));
}

export async function getSecret(scope: Scope, identifier: string): Promise<SecretDto> {
  return toSecretDto(scope, await secrets.get(scopeKey(scope), identifier));
}

export async function createSecret(opts: { scope: Scope; input: SecretCreate; by: Actor }): Promise<SecretDto> {
  const key = scopeKey(opts.scope);
  await secrets.assertFree(key, opts.input.identifier);
  const id = randomUUID();
  const { value, ...meta } = opts.input;
  const sealed = seal(value, keyring(), aad({ id, accountId: key.accountId }));
  const row = await secrets.create({ key, by: opts.by }, meta.identifier, (tx) =>
    q.insertSecret(tx, { id, ...key, ...meta, ...sealed }),
  );
  return toSecretDto(opts.scope, row);
}

export async function updateSecret(opts: {
  scope: Scope;
  identifier: string;
  input: SecretUpdate;
  version: number;
  by: Actor;
}): Promise<SecretDto> {
  const key = scopeKey(opts.scope);
  const before = await secrets.get(key, opts.identifier);
  const { value, version: _v, ...meta } = opts.input;
  const sealed = value === undefined ? {} : { ...seal(value, keyring(), aad(before)), valueUpdatedAt: new Date() };
  const after = await secrets.update({ key, by: opts.by }, before, opts.version, (tx) =>
    q.updateSecretRow(tx, before.id, opts.version, { ...meta, ...sealed }),
  );
  return toSecretDto(opts.scope, after);
}

/** Refused while connectors or GitOps clusters still point at it (the 409 names them). */
export async function deleteSecret(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = scopeKey(opts.scope);
  const row = await secrets.get(key, opts.identifier);
  await secrets.remove({ key, by: opts.by }, row, (tx) => q.deleteSecretRow(tx, row.id));
}

/** The secret a reference from `scope` points at, or null when it does not resolve. */
export async function resolveSecretRef(scope: Scope, ref: string): Promise<SecretRow | null> {
  const parsed = parseScopedRef(ref);
  const at = parsed && refTargetScope(scope, parsed.level);
  return at ? q.findSecret(scopeKey(at), parsed.identifier) : null;
}

/** Decrypts a secret row for an AWS call. Never log or return the result. */
export const openSecret = (row: Sealed & { id: string; accountId: string }): string => open(row, keyring(), aad(row));

/** Decrypts a referenced secret for an AWS call. Never log or return the result. */
export async function readSecretValue(scope: Scope, ref: string): Promise<string> {
  const row = await resolveSecretRef(scope, ref);
  if (!row) throw new AppError("NOT_FOUND", `Secret reference "${ref}" does not resolve from this scope`);
  return openSecret(row);
}
