// AWS connectors: create, update (optimistic versions), delete, list, YAML, with secret
// references resolved against the connector's scope and every change audited.
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import { assertConnectorUnused } from "@/lib/infrastructures/service";
import type { Actor, Scope } from "@/lib/scopes/service";
import { resolveSecretRef, scopeKey } from "@/lib/secrets/service";
import type { ConnectorDto, ConnectorListQuery, ConnectorPage, TestStatus } from "./dto";
import * as q from "./queries";
import { connectorSecretRefs, type ConnectorInput } from "./schemas";
import { connectorToYaml } from "./yaml";

type Row = q.ConnectorRow;

function toDto(r: Row): ConnectorDto {
  return {
    connector: {
      name: r.name,
      identifier: r.identifier,
      description: r.description,
      tags: (r.tags ?? {}) as Record<string, string>,
      orgIdentifier: r.orgIdentifier || null,
      projectIdentifier: r.projectIdentifier || null,
      type: "Aws",
      spec: r.spec as ConnectorInput["spec"],
    },
    scope: r.projectIdentifier ? "project" : r.orgIdentifier ? "org" : "account",
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    lastTestStatus: r.lastTestStatus as TestStatus,
    lastTestedAt: r.lastTestedAt?.toISOString() ?? null,
  };
}

/** The connector as the audit trail records it: no values exist in it, only references. */
const auditable = (r: Row) => ({ name: r.name, description: r.description, tags: r.tags, spec: r.spec });

/** Body scope fields, when sent, must agree with the scope of the request. */
function checkBodyScope(scope: Scope, input: Pick<ConnectorInput, "orgIdentifier" | "projectIdentifier">) {
  const errors: FieldErrors = {};
  if (input.orgIdentifier !== undefined && input.orgIdentifier !== scope.orgIdentifier) {
    errors.orgIdentifier = [
      `The request is for ${scope.orgIdentifier ? `org "${scope.orgIdentifier}"` : "the account"}; move a connector by creating it in the other scope`,
    ];
  }
  if (input.projectIdentifier !== undefined && input.projectIdentifier !== scope.projectIdentifier) {
    errors.projectIdentifier = [
      `The request is for ${scope.projectIdentifier ? `project "${scope.projectIdentifier}"` : "no project"}`,
    ];
  }
  if (Object.keys(errors).length)
    throw new AppError("VALIDATION_FAILED", "The connector's scope does not match the request", {
      fieldErrors: errors,
    });
}

/** Every secret reference must name a secret visible from the connector's scope. */
async function resolveRefs(scope: Scope, input: ConnectorInput) {
  const refs = connectorSecretRefs(input);
  const resolved = await Promise.all(refs.map(async (r) => ({ ...r, secret: await resolveSecretRef(scope, r.ref) })));
  const missing = resolved.filter((r) => !r.secret);
  if (missing.length) {
    const fieldErrors: FieldErrors = {};
    for (const m of missing)
      fieldErrors[m.field] = [`No secret "${m.ref}" is visible from this scope; create it or pick another`];
    throw new AppError("VALIDATION_FAILED", "Some secret references do not resolve", { fieldErrors });
  }
  return resolved.map((r) => ({ field: r.field, secretId: r.secret!.id }));
}

async function getRowOrThrow(scope: Scope, identifier: string): Promise<Row> {
  const row = await q.findConnector(scopeKey(scope), identifier);
  if (!row) throw new AppError("NOT_FOUND", `Connector "${identifier}" does not exist in this scope`);
  return row;
}

const columns = (input: ConnectorInput) => ({
  name: input.name,
  description: input.description,
  tags: input.tags,
  credentialType: input.spec.credential.type,
  region: input.spec.credential.region,
  spec: input.spec as object,
});

const audit = (by: Actor, scope: Scope, entityId: string, action: "CREATE" | "UPDATE" | "DELETE") => ({
  actor: by.actor,
  requestId: by.requestId,
  action,
  entityType: "Connector",
  entityId,
  scope,
});

export async function listConnectors(scope: Scope, query: ConnectorListQuery): Promise<ConnectorPage> {
  const { rows, nextCursor } = await q.listConnectorRows(scopeKey(scope), query);
  return { items: rows.map(toDto), nextCursor };
}

export async function getConnector(scope: Scope, identifier: string): Promise<ConnectorDto> {
  return toDto(await getRowOrThrow(scope, identifier));
}

export async function getConnectorYaml(scope: Scope, identifier: string): Promise<{ yaml: string; version: number }> {
  const dto = toDto(await getRowOrThrow(scope, identifier));
  const { orgIdentifier, projectIdentifier, type: _type, ...rest } = dto.connector;
  return {
    yaml: connectorToYaml({
      ...rest,
      orgIdentifier: orgIdentifier ?? undefined,
      projectIdentifier: projectIdentifier ?? undefined,
    }),
    version: dto.version,
  };
}

export async function createConnector(opts: { scope: Scope; input: ConnectorInput; by: Actor }): Promise<ConnectorDto> {
  const { scope, input } = opts;
  checkBodyScope(scope, input);
  if (await q.findConnector(scopeKey(scope), input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `A connector "${input.identifier}" already exists in this scope`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const refs = await resolveRefs(scope, input);
  const row = await q.transaction(async (tx) => {
    const created = await q.insertConnector(tx, {
      ...scopeKey(scope),
      identifier: input.identifier,
      ...columns(input),
    });
    await q.replaceSecretRefs(tx, created.id, refs);
    await recordAudit(tx, { ...audit(opts.by, scope, created.identifier, "CREATE"), after: auditable(created) });
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
  if (input.identifier !== opts.identifier) {
    throw new AppError("VALIDATION_FAILED", "A connector's identifier cannot change", {
      fieldErrors: { identifier: [`Identifier is immutable; it stays "${opts.identifier}"`] },
    });
  }
  checkBodyScope(scope, input);
  const before = await getRowOrThrow(scope, opts.identifier);
  const refs = await resolveRefs(scope, input);
  const after = await q.transaction(async (tx) => {
    if ((await q.updateConnectorRow(tx, before.id, opts.version, columns(input))) === 0) {
      throw versionConflict((await q.getConnectorById(tx, before.id)).version);
    }
    await q.replaceSecretRefs(tx, before.id, refs);
    const updated = await q.getConnectorById(tx, before.id);
    await recordAudit(tx, {
      ...audit(opts.by, scope, updated.identifier, "UPDATE"),
      before: auditable(before),
      after: auditable(updated),
    });
    return updated;
  });
  return toDto(after);
}

export async function deleteConnector(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const row = await getRowOrThrow(opts.scope, opts.identifier);
  await q.transaction(async (tx) => {
    // 409 naming the definitions that use it; the foreign key refuses one created meanwhile.
    await assertConnectorUnused(tx, row);
    await q.deleteConnectorRow(tx, row.id);
    await recordAudit(tx, { ...audit(opts.by, opts.scope, row.identifier, "DELETE"), before: auditable(row) });
  });
}
