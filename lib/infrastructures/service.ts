// Infrastructure definitions: project-scoped CRUD in an environment, optimistic versions, audit
// in the same transaction, YAML, and resolving runtime inputs. A fixed connectorRef must name a
// connector visible from the project; its id is kept so the connector cannot be deleted.
import "server-only";
import { resolveConnectorRef } from "@/lib/connectors/refs";
import { findEnvironment } from "@/lib/environments/queries";
import { getEnvironmentRowOrThrow } from "@/lib/environments/service";
import { AppError } from "@/lib/http/errors";
import type { HeldReference } from "@/lib/resource/held-references";
import { defineResource, resourceMeta, rowMeta } from "@/lib/resource/kernel";
import { kindOf } from "@/lib/runtime-input";
import { checkBodyScope, requireProject, type Actor, type ProjectKey, type Scope } from "@/lib/scope";
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
      ...resourceMeta(r),
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
    ...rowMeta(r),
  };
}

/** Identifiers are unique per environment: the key names the environment too. */
interface DefinitionKey {
  key: ProjectKey;
  environmentId: string;
  environment: string;
}

export const definitions = defineResource<Row, DefinitionKey>({
  type: "InfrastructureDefinition",
  where: (k) => `in environment "${k.environment}"`,
  find: (k, identifier) => q.findInfrastructure(k.environmentId, identifier),
  reload: q.reloadInfrastructure,
  auditable: (r) => auditable(r),
  auditId: (r) => `${r.environment.identifier}/${r.identifier}`,
  auditScope: (k) => k.key,
});

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
/** The environment and connector a definition's write holds (lib/resource/held-references.ts). */
function held(input: InfrastructureInput, connectorId: string | null, environmentId: string): HeldReference[] {
  return [
    { field: "environmentRef", table: "Environment", id: environmentId, what: `environment "${input.environmentRef}"` },
    ...(connectorId
      ? [
          {
            field: "spec.connectorRef",
            table: "Connector" as const,
            id: connectorId,
            what: `connector "${String(input.spec.connectorRef)}"`,
          },
        ]
      : []),
  ];
}

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

async function definitionKey(key: ProjectKey, environment: string): Promise<DefinitionKey> {
  const env = await getEnvironmentRowOrThrow(key, environment);
  return { key, environmentId: env.id, environment: env.identifier };
}

async function findOrThrow(key: ProjectKey, environment: string, identifier: string) {
  return definitions.get(await definitionKey(key, environment), identifier);
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

/** The Harness-style YAML document of a definition. */
export const infrastructureDtoToYaml = (dto: InfrastructureDto): string =>
  infrastructureToYaml(dto.infrastructureDefinition);

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
  const dk = { key, environmentId: env.id, environment: env.identifier };
  await definitions.assertFree(dk, input.identifier);
  const connectorId = await connectorIdFor(scope, input.spec.connectorRef);
  const refs = held(input, connectorId, env.id);
  const row = await definitions.create({ key: dk, by: opts.by, refs }, input.identifier, (tx) =>
    q.insertInfrastructure(tx, {
      ...key,
      environmentId: env.id,
      identifier: input.identifier,
      ...columns(input, connectorId),
    }),
  );
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
  definitions.assertSameIdentifier(opts.identifier, input.identifier);
  if (input.environmentRef !== opts.environment) {
    throw new AppError("VALIDATION_FAILED", "A definition cannot move to another environment", {
      fieldErrors: {
        environmentRef: [`It stays in "${opts.environment}"; create a new definition in the other environment`],
      },
    });
  }
  checkBodyScope(key, input, "infrastructure definition");
  const dk = await definitionKey(key, opts.environment);
  const before = await definitions.get(dk, opts.identifier);
  const connectorId = await connectorIdFor(scope, input.spec.connectorRef);
  const refs = held(input, connectorId, dk.environmentId);
  const after = await definitions.update({ key: dk, by: opts.by, refs }, before, opts.version, (tx) =>
    q.updateInfrastructureRow(tx, before.id, opts.version, columns(input, connectorId)),
  );
  return toDto(after);
}

export async function deleteInfrastructure(opts: {
  scope: Scope;
  environment: string;
  identifier: string;
  by: Actor;
}): Promise<void> {
  const dk = await definitionKey(requireProject(opts.scope, WHAT), opts.environment);
  const row = await definitions.get(dk, opts.identifier);
  await definitions.remove({ key: dk, by: opts.by }, row, (tx) => q.deleteInfrastructureRow(tx, row.id));
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
