// AWS connectors: create, update, delete, list and YAML through the resource kernel; this
// module keeps the connector's own rules: secret references resolved against its scope, and the
// columns copied out of the spec for filtering.
import "server-only";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import type { HeldReference } from "@/lib/resource/held-references";
import { defineResource, resourceMeta, rowMeta } from "@/lib/resource/kernel";
import { checkBodyScope, levelOf, scopeKey, scopeLabel, type Actor, type Scope, type ScopeKey } from "@/lib/scope";
import { assertSecretUse, resolveSecretRef } from "@/lib/secrets/service";
import { checkSecretAccess, checkServerIdentity } from "./access";
import type { ConnectorDto, ConnectorListQuery, ConnectorPage, TestStatus } from "./dto";
import * as q from "./queries";
import { env } from "@/lib/env";
import { DEFAULT_CHECK_MINUTES } from "./periodic-check";
import { connectorSecretRefs, type ConduitExtension, type ConnectorInput, type PeriodicCheck } from "./schemas";
import { connectorToYaml } from "./yaml";

type Row = q.ConnectorRow;

export const connectors = defineResource<Row, ScopeKey>({
  type: "Connector",
  where: (key) => `in ${scopeLabel(key)}`,
  find: q.findConnector,
  reload: q.reloadConnector,
  // The connector as the audit trail records it: no values exist in it, only references.
  auditable: (r) => ({
    name: r.name,
    description: r.description,
    tags: r.tags,
    spec: r.spec,
    usages: r.usages,
    checkIntervalMinutes: r.checkIntervalMinutes,
    checkEnabled: r.checkEnabled,
  }),
  auditScope: (key) => key,
});

function toDto(r: Row): ConnectorDto {
  return {
    connector: {
      ...resourceMeta(r),
      orgIdentifier: r.orgIdentifier || null,
      projectIdentifier: r.projectIdentifier || null,
      type: "Aws",
      spec: r.spec as ConnectorInput["spec"],
      conduit: {
        usages: (r.usages ?? []) as ConduitExtension["usages"],
        ...(r.checkIntervalMinutes === null && r.checkEnabled
          ? {}
          : {
              periodicCheck: {
                enabled: r.checkEnabled,
                intervalMinutes: r.checkIntervalMinutes ?? DEFAULT_CHECK_MINUTES,
              },
            }),
      },
    },
    scope: levelOf(r),
    ...rowMeta(r),
    lastTestStatus: r.lastTestStatus as TestStatus,
    lastTestedAt: r.lastTestedAt?.toISOString() ?? null,
    health:
      r.healthStatus && r.healthSince
        ? { status: r.healthStatus as "passing" | "failing", since: r.healthSince.toISOString() }
        : null,
    nextCheckAt: r.checkEnabled ? (r.nextCheckAt?.toISOString() ?? null) : null,
  };
}

/**
 * Every secret reference must name a secret visible from the connector's scope, and the actor
 * needs `secret:access` where each secret lives, unless the field already pointed at it.
 */
async function resolveRefs(scope: Scope, input: ConnectorInput, by: Actor, current: Map<string, string> = new Map()) {
  const refs = connectorSecretRefs(input);
  const resolved = await Promise.all(refs.map(async (r) => ({ ...r, secret: await resolveSecretRef(scope, r.ref) })));
  const missing = resolved.filter((r) => !r.secret);
  if (missing.length) {
    const fieldErrors: FieldErrors = {};
    for (const m of missing)
      fieldErrors[m.field] = [`No secret "${m.ref}" is visible from this scope; create it or pick another`];
    throw new AppError("VALIDATION_FAILED", "Some secret references do not resolve", { fieldErrors });
  }
  const found = resolved.map((r) => ({ ...r, secret: r.secret! }));
  checkSecretAccess(
    by,
    found.filter((r) => current.get(r.field) !== r.secret.id),
  );
  for (const r of found) await assertSecretUse(r.secret.id, "aws-key", r.field, r.ref);
  return found.map((r) => ({ field: r.field, secretId: r.secret.id, ref: r.ref }));
}

/** The secrets a write holds (lib/resource/held-references.ts). */
const heldSecrets = (refs: { field: string; secretId: string; ref: string }[]): HeldReference[] =>
  refs.map((r) => ({ field: r.field, table: "Secret", id: r.secretId, what: `secret "${r.ref}"` }));

const columns = (input: ConnectorInput) => ({
  name: input.name,
  description: input.description,
  tags: input.tags,
  credentialType: input.spec.credential.type,
  region: input.spec.credential.region,
  spec: input.spec as object,
  usages: input.conduit?.usages ?? [],
  ...checkColumns(input.conduit?.periodicCheck),
});

/** The check interval as stored (null: the console's default), on or off, and when the next check is due. */
function checkColumns(check: PeriodicCheck | undefined) {
  const minutes = check ? check.intervalMinutes : null;
  const enabled = check?.enabled ?? true;
  return {
    checkIntervalMinutes: minutes,
    checkEnabled: enabled,
    nextCheckAt: enabled ? new Date(Date.now() + (minutes ?? env().CONDUIT_PERIODIC_CHECK_MINUTES) * 60_000) : null,
  };
}

export async function listConnectors(scope: Scope, query: ConnectorListQuery): Promise<ConnectorPage> {
  const { rows, nextCursor } = await q.listConnectorRows(scopeKey(scope), query);
  return { items: rows.map(toDto), nextCursor };
}

export async function getConnector(scope: Scope, identifier: string): Promise<ConnectorDto> {
  return toDto(await connectors.get(scopeKey(scope), identifier));
}

/** The Harness-style YAML document of a connector. */
export function connectorDtoToYaml(dto: ConnectorDto): string {
  const { orgIdentifier, projectIdentifier, type: _type, ...rest } = dto.connector;
  return connectorToYaml({
    ...rest,
    orgIdentifier: orgIdentifier ?? undefined,
    projectIdentifier: projectIdentifier ?? undefined,
  });
}

export async function createConnector(opts: { scope: Scope; input: ConnectorInput; by: Actor }): Promise<ConnectorDto> {
  const { scope, input } = opts;
  const key = scopeKey(scope);
  checkBodyScope(key, input, "connector");
  checkServerIdentity(opts.by, scope, input.spec);
  await connectors.assertFree(key, input.identifier);
  const refs = await resolveRefs(scope, input, opts.by);
  const ctx = { key, by: opts.by, refs: heldSecrets(refs) };
  const row = await connectors.create(ctx, input.identifier, async (tx) => {
    const created = await q.insertConnector(tx, { ...key, identifier: input.identifier, ...columns(input) });
    await q.replaceSecretRefs(tx, created.id, refs);
    return created;
  });
  return toDto(row);
}

export async function updateConnector(opts: {
  scope: Scope;
  identifier: string;
  input: ConnectorInput;
  version: number;
  by: Actor;
}): Promise<ConnectorDto> {
  const { scope, input } = opts;
  const key = scopeKey(scope);
  connectors.assertSameIdentifier(opts.identifier, input.identifier);
  checkBodyScope(key, input, "connector");
  checkServerIdentity(opts.by, scope, input.spec);
  const before = await connectors.get(key, opts.identifier);
  const current = new Map((await q.listSecretRefs(before.id)).map((r) => [r.field, r.secretId]));
  const refs = await resolveRefs(scope, input, opts.by, current);
  const after = await connectors.update(
    { key, by: opts.by, refs: heldSecrets(refs) },
    before,
    opts.version,
    (tx) => q.updateConnectorRow(tx, before.id, opts.version, columns(input)),
    (tx) => q.replaceSecretRefs(tx, before.id, refs),
  );
  return toDto(after);
}

export async function deleteConnector(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = scopeKey(opts.scope);
  const row = await connectors.get(key, opts.identifier);
  await connectors.remove({ key, by: opts.by }, row, (tx) => q.deleteConnectorRow(tx, row.id));
}
