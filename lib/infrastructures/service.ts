// Infrastructure definitions: project-scoped CRUD in an environment, optimistic versions, audit
// in the same transaction, YAML, and resolving runtime inputs. A fixed connectorRef must name a
// connector visible from the project; its id is kept so the connector cannot be deleted.
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { resolveConnectorRef } from "@/lib/connectors/refs";
import type { Tx } from "@/lib/db";
import { checkBodyScope, getEnvironmentRowOrThrow, requireProject } from "@/lib/environments/service";
import { findEnvironment, type ProjectKey } from "@/lib/environments/queries";
import { AppError } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import { kindOf } from "@/lib/runtime-input";
import type { Actor, Scope } from "@/lib/scopes/service";
import type { InfrastructureDto, InfrastructureListQuery, InfrastructurePage } from "./dto";
import * as q from "./queries";
import { resolveInfrastructure, runtimeInputsOf, type RuntimeInputField } from "./resolve";
import type { InfrastructureInput } from "./schemas";
import { infrastructureToYaml } from "./yaml";

type Row = q.InfrastructureRow;
const WHAT = "Infrastructure definitions";

function toDto(r: Row): InfrastructureDto {
  const spec = r.spec as Omit<InfrastructureInput["spec"], "provisioner">;
  return {
    infrastructureDefinition: {
      name: r.name,
      identifier: r.identifier,
      description: r.description,
      tags: (r.tags ?? {}) as Record<string, string>,
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      environmentRef: r.environment.identifier,
      deploymentType: r.deploymentType as InfrastructureInput["deploymentType"],
      type: "KubernetesAws",
      storage: "Inline",
      allowSimultaneousDeployments: r.allowSimultaneousDeployments as boolean | string,
      scopedServices: (r.scopedServices ?? []) as string[],
      spec: { ...spec, ...(r.provisioner !== null ? { provisioner: r.provisioner } : {}) },
    },
    environment: {
      identifier: r.environment.identifier,
      name: r.environment.name,
      type: r.environment.type as InfrastructureDto["environment"]["type"],
    },
    connector: r.connector
      ? {
          identifier: r.connector.identifier,
          name: r.connector.name,
          scope: r.connector.projectIdentifier ? "project" : r.connector.orgIdentifier ? "org" : "account",
        }
      : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const auditable = (r: Row) => ({
  name: r.name,
  description: r.description,
  tags: r.tags,
  deploymentType: r.deploymentType,
  allowSimultaneousDeployments: r.allowSimultaneousDeployments,
  scopedServices: r.scopedServices,
  provisioner: r.provisioner,
  spec: r.spec,
});
const audit = (by: Actor, key: ProjectKey, r: Row, action: "CREATE" | "UPDATE" | "DELETE") => ({
  actor: by.actor,
  requestId: by.requestId,
  action,
  entityType: "InfrastructureDefinition",
  entityId: `${r.environment.identifier}/${r.identifier}`,
  scope: key,
});

function columns(input: InfrastructureInput, connectorId: string | null) {
  const { provisioner, ...spec } = input.spec;
  return {
    name: input.name,
    description: input.description,
    tags: input.tags,
    deploymentType: input.deploymentType,
    type: input.type,
    storage: input.storage,
    allowSimultaneousDeployments: input.allowSimultaneousDeployments,
    scopedServices: input.scopedServices,
    provisioner: provisioner ?? null,
    spec: spec as object,
    connectorId,
  };
}

/** The connector id for a fixed connectorRef (400 at spec.connectorRef when it names none); null otherwise. */
async function connectorIdFor(
  scope: Scope,
  connectorRef: string,
  status: "BAD_REQUEST" | "VALIDATION_FAILED" = "BAD_REQUEST",
) {
  if (kindOf(connectorRef) !== "fixed") return null;
  const connector = await resolveConnectorRef(scope, connectorRef);
  if (!connector) {
    throw new AppError(status, `No connector "${connectorRef}" is visible from this project`, {
      fieldErrors: {
        "spec.connectorRef": [`No connector "${connectorRef}" is visible from this project; create it or pick another`],
      },
    });
  }
  return connector.id;
}

async function findOrThrow(key: ProjectKey, environment: string, identifier: string) {
  const env = await getEnvironmentRowOrThrow(key, environment);
  const row = await q.findInfrastructure(env.id, identifier);
  if (!row)
    throw new AppError(
      "NOT_FOUND",
      `Infrastructure definition "${identifier}" does not exist in environment "${environment}"`,
    );
  return row;
}

export async function listInfrastructures(scope: Scope, query: InfrastructureListQuery): Promise<InfrastructurePage> {
  const key = requireProject(scope, WHAT);
  const env = query.environment ? await getEnvironmentRowOrThrow(key, query.environment) : undefined;
  const { rows, nextCursor } = await q.listInfrastructureRows(key, env?.id, query);
  return { items: rows.map(toDto), nextCursor };
}

export async function getInfrastructure(
  scope: Scope,
  environment: string,
  identifier: string,
): Promise<InfrastructureDto> {
  return toDto(await findOrThrow(requireProject(scope, WHAT), environment, identifier));
}

const yamlOf = (d: InfrastructureDto["infrastructureDefinition"]) => infrastructureToYaml(d);

export async function getInfrastructureYaml(
  scope: Scope,
  environment: string,
  identifier: string,
): Promise<{ yaml: string; version: number }> {
  const dto = await getInfrastructure(scope, environment, identifier);
  return { yaml: yamlOf(dto.infrastructureDefinition), version: dto.version };
}

export async function createInfrastructure(opts: {
  scope: Scope;
  input: InfrastructureInput;
  by: Actor;
}): Promise<InfrastructureDto> {
  const { scope, input } = opts;
  const key = requireProject(scope, WHAT);
  checkBodyScope(key, input, "infrastructure definition");
  const env = await findEnvironment(key, input.environmentRef);
  if (!env) {
    throw new AppError("BAD_REQUEST", `Environment "${input.environmentRef}" does not exist in this project`, {
      fieldErrors: { environmentRef: [`No environment "${input.environmentRef}" in this project; create it first`] },
    });
  }
  if (await q.findInfrastructure(env.id, input.identifier)) {
    throw new AppError(
      "ALREADY_EXISTS",
      `An infrastructure definition "${input.identifier}" already exists in environment "${env.identifier}"`,
      {
        fieldErrors: { identifier: ["Already in use in this environment"] },
      },
    );
  }
  const connectorId = await connectorIdFor(scope, input.spec.connectorRef);
  const row = await q.transaction(async (tx) => {
    const created = await q.insertInfrastructure(tx, {
      ...key,
      environmentId: env.id,
      identifier: input.identifier,
      ...columns(input, connectorId),
    });
    await recordAudit(tx, { ...audit(opts.by, key, created, "CREATE"), after: auditable(created) });
    return created;
  });
  return toDto(row);
}

export async function updateInfrastructure(opts: {
  scope: Scope;
  environment: string;
  identifier: string;
  input: InfrastructureInput;
  version: number;
  by: Actor;
}): Promise<InfrastructureDto> {
  const { scope, input } = opts;
  const key = requireProject(scope, WHAT);
  if (input.identifier !== opts.identifier) {
    throw new AppError("VALIDATION_FAILED", "A definition's identifier cannot change", {
      fieldErrors: { identifier: [`Identifier is immutable; it stays "${opts.identifier}"`] },
    });
  }
  if (input.environmentRef !== opts.environment) {
    throw new AppError("VALIDATION_FAILED", "A definition cannot move to another environment", {
      fieldErrors: {
        environmentRef: [`It stays in "${opts.environment}"; create a new definition in the other environment`],
      },
    });
  }
  checkBodyScope(key, input, "infrastructure definition");
  const before = await findOrThrow(key, opts.environment, opts.identifier);
  const connectorId = await connectorIdFor(scope, input.spec.connectorRef);
  const after = await q.transaction(async (tx) => {
    if ((await q.updateInfrastructureRow(tx, before.id, opts.version, columns(input, connectorId))) === 0) {
      throw versionConflict((await q.getInfrastructureById(tx, before.id)).version);
    }
    const updated = await q.getInfrastructureById(tx, before.id);
    await recordAudit(tx, {
      ...audit(opts.by, key, updated, "UPDATE"),
      before: auditable(before),
      after: auditable(updated),
    });
    return updated;
  });
  return toDto(after);
}

export async function deleteInfrastructure(opts: {
  scope: Scope;
  environment: string;
  identifier: string;
  by: Actor;
}): Promise<void> {
  const key = requireProject(opts.scope, WHAT);
  const row = await findOrThrow(key, opts.environment, opts.identifier);
  await q.transaction(async (tx) => {
    await q.deleteInfrastructureRow(tx, row.id);
    await recordAudit(tx, { ...audit(opts.by, key, row, "DELETE"), before: auditable(row) });
  });
}

export interface ResolvedInfrastructure {
  infrastructureDefinition: InfrastructureDto["infrastructureDefinition"];
  spec: InfrastructureInput["spec"];
  /** The resolved definition as a Harness-style YAML document. */
  yaml: string;
  /** The runtime inputs the definition asked for. */
  inputs: RuntimeInputField[];
}

/** The definition with the given runtime input values: 400 for inputs it does not have, 422 for bad or missing values. */
export async function resolveInfrastructureInputs(opts: {
  scope: Scope;
  environment: string;
  identifier: string;
  inputs: Record<string, string>;
}): Promise<ResolvedInfrastructure> {
  const def = (await getInfrastructure(opts.scope, opts.environment, opts.identifier)).infrastructureDefinition;
  const r = resolveInfrastructure(def, opts.inputs);
  if (!r.ok) {
    const fields = Object.keys(r.fieldErrors);
    throw new AppError(
      r.unknownInputs ? "BAD_REQUEST" : "VALIDATION_FAILED",
      r.unknownInputs
        ? `Some values name no runtime input of this definition: ${fields.join(", ")}`
        : `Check ${fields.join(", ")}`,
      { fieldErrors: r.fieldErrors },
    );
  }
  // A connector given at run time must be as visible as a fixed one.
  if (kindOf(def.spec.connectorRef) === "runtime")
    await connectorIdFor(opts.scope, r.value.spec.connectorRef, "VALIDATION_FAILED");
  const resolved = { ...r.value, orgIdentifier: def.orgIdentifier, projectIdentifier: def.projectIdentifier };
  return {
    infrastructureDefinition: resolved,
    spec: resolved.spec,
    yaml: infrastructureToYaml(resolved),
    inputs: runtimeInputsOf(def),
  };
}

/** Connector deletion guard: 409 naming the definitions that still use the connector. */
export async function assertConnectorUnused(tx: Tx, connector: { id: string; identifier: string }): Promise<void> {
  const users = await q.definitionsUsingConnector(tx, connector.id);
  if (!users.length) return;
  const names = users.map(
    (d) => `${d.orgIdentifier}/${d.projectIdentifier}/${d.environment.identifier}/${d.identifier}`,
  );
  throw new AppError(
    "IN_USE",
    `Connector "${connector.identifier}" is used by infrastructure definitions ${names.join(", ")}; change or delete them first`,
    {
      extra: {
        references: users.map((d) => ({
          type: "InfrastructureDefinition",
          identifier: d.identifier,
          environment: d.environment.identifier,
          orgIdentifier: d.orgIdentifier,
          projectIdentifier: d.projectIdentifier,
        })),
      },
    },
  );
}
