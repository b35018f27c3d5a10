// Secrets: create, replace, delete, and resolve references. Values are sealed on the way in,
// never returned by an API, and opened only for their one use: AWS key material for a SigV4
// signer (`openAwsKeyMaterial`), or a bearer token bound to the cluster endpoint and CA its
// reference was saved with (`openBearerToken`, whose value only the Kubernetes client can read).
// One secret serves one use: key material referenced by a connector is never a bearer token.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { AppError } from "@/lib/http/errors";
import { BearerToken, type KubeEndpoint } from "@/lib/kubernetes/client";
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

type SealedRow = Sealed & { id: string; accountId: string };

/** AWS key material for a SigV4 signer (a connector's credentials). Never log or return the result. */
export const openAwsKeyMaterial = (row: SealedRow): string => open(row, keyring(), aad(row));

/** The referenced secret's value as AWS key material. Never log or return the result. */
export async function readAwsKeyMaterial(scope: Scope, ref: string): Promise<string> {
  const row = await resolveSecretRef(scope, ref);
  if (!row) throw new AppError("NOT_FOUND", `Secret reference "${ref}" does not resolve from this scope`);
  await assertSecretUse(row.id, "aws-key", "secret", ref);
  return openAwsKeyMaterial(row);
}

/** What a bearer token reference remembers of the cluster it was chosen for. */
export const endpointBinding = (e: KubeEndpoint): string =>
  createHash("sha256").update(`${e.endpoint}\n${e.caData}`).digest("hex");

/**
 * The referenced secret as a bearer token for `cluster`, only while the cluster still has the
 * endpoint and CA the reference was saved with; the value stays inside the Kubernetes client.
 */
export function openBearerToken(ref: { boundTo: string; secret: SealedRow }, cluster: KubeEndpoint): BearerToken {
  if (ref.boundTo !== endpointBinding(cluster))
    throw new AppError(
      "CONFLICT",
      "The cluster's endpoint or certificate authority changed since its token secret was chosen; choose the secret again.",
    );
  return BearerToken.bind(open(ref.secret, keyring(), aad(ref.secret)).trim(), cluster);
}

export type SecretUse = "aws-key" | "bearer-token";

/**
 * Refuses (422 on `field`) a secret that other references already use the other way: AWS key
 * material must never become a bearer token sent to a server, nor a token an AWS key.
 */
export async function assertSecretUse(secretId: string, use: SecretUse, field: string, ref: string): Promise<void> {
  const others = await q.findSecretUses(secretId);
  const clash =
    use === "bearer-token"
      ? others.connectors.map((c) => `connector "${c}"`)
      : others.clusters.map((c) => `GitOps cluster "${c}"`);
  if (!clash.length) return;
  const message =
    use === "bearer-token"
      ? `Secret "${ref}" holds AWS key material for ${clash[0]}; a bearer token needs a secret of its own`
      : `Secret "${ref}" is the bearer token of ${clash[0]}; AWS key material needs a secret of its own`;
  throw new AppError("VALIDATION_FAILED", message, { fieldErrors: { [field]: [message] } });
}
