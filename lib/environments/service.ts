// Environments: project-scoped CRUD with optimistic versions and audit; an environment that
// still holds infrastructure definitions cannot be deleted.
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import type { Actor, Scope } from "@/lib/scopes/service";
import * as q from "./queries";
import type { EnvironmentDto, EnvironmentInput, EnvironmentListQuery } from "./schemas";

type Row = q.EnvironmentRow;

/** Environments and infrastructure definitions exist only inside a project. */
export function requireProject(scope: Scope, what = "Environments"): q.ProjectKey {
  if (scope.level !== "project" || !scope.orgIdentifier || !scope.projectIdentifier) {
    throw new AppError("BAD_REQUEST", `${what} belong to a project; pass ?org=<org>&project=<project>`, {
      fieldErrors: { project: ["Choose a project"] },
    });
  }
  return { accountId: scope.accountId, orgIdentifier: scope.orgIdentifier, projectIdentifier: scope.projectIdentifier };
}

/** Body scope fields, when sent, must agree with the scope of the request. */
export function checkBodyScope(
  key: q.ProjectKey,
  input: { orgIdentifier?: string; projectIdentifier?: string },
  what: string,
) {
  const errors: FieldErrors = {};
  if (input.orgIdentifier !== undefined && input.orgIdentifier !== key.orgIdentifier) {
    errors.orgIdentifier = [`The request is for org "${key.orgIdentifier}"`];
  }
  if (input.projectIdentifier !== undefined && input.projectIdentifier !== key.projectIdentifier) {
    errors.projectIdentifier = [`The request is for project "${key.projectIdentifier}"`];
  }
  if (Object.keys(errors).length)
    throw new AppError("VALIDATION_FAILED", `The ${what}'s scope does not match the request`, { fieldErrors: errors });
}

function toDto(r: Row): EnvironmentDto {
  return {
    environment: {
      name: r.name,
      identifier: r.identifier,
      description: r.description,
      tags: (r.tags ?? {}) as Record<string, string>,
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      type: r.type as EnvironmentInput["type"],
    },
    version: r.version,
    infrastructureCount: r._count.infrastructures,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const auditable = (r: Row) => ({ name: r.name, description: r.description, tags: r.tags, type: r.type });
const audit = (by: Actor, key: q.ProjectKey, entityId: string, action: "CREATE" | "UPDATE" | "DELETE") => ({
  actor: by.actor,
  requestId: by.requestId,
  action,
  entityType: "Environment",
  entityId,
  scope: key,
});
const columns = (input: EnvironmentInput) => ({
  name: input.name,
  description: input.description,
  tags: input.tags,
  type: input.type,
});

/** The environment row (for other services, e.g. infrastructure definitions), or 404. */
export async function getEnvironmentRowOrThrow(key: q.ProjectKey, identifier: string): Promise<Row> {
  const row = await q.findEnvironment(key, identifier);
  if (!row) throw new AppError("NOT_FOUND", `Environment "${identifier}" does not exist in this project`);
  return row;
}

export async function listEnvironments(
  scope: Scope,
  query: EnvironmentListQuery,
): Promise<{ items: EnvironmentDto[] }> {
  return { items: (await q.listEnvironmentRows(requireProject(scope), query)).map(toDto) };
}

export async function getEnvironment(scope: Scope, identifier: string): Promise<EnvironmentDto> {
  return toDto(await getEnvironmentRowOrThrow(requireProject(scope), identifier));
}

export async function createEnvironment(opts: {
  scope: Scope;
  input: EnvironmentInput;
  by: Actor;
}): Promise<EnvironmentDto> {
  const key = requireProject(opts.scope);
  checkBodyScope(key, opts.input, "environment");
  if (await q.findEnvironment(key, opts.input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `An environment "${opts.input.identifier}" already exists in this project`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const row = await q.transaction(async (tx) => {
    const created = await q.insertEnvironment(tx, {
      ...key,
      identifier: opts.input.identifier,
      ...columns(opts.input),
    });
    await recordAudit(tx, { ...audit(opts.by, key, created.identifier, "CREATE"), after: auditable(created) });
    return created;
  });
  return toDto(row);
}

export async function updateEnvironment(opts: {
  scope: Scope;
  identifier: string;
  input: EnvironmentInput;
  version: number;
  by: Actor;
}): Promise<EnvironmentDto> {
  const key = requireProject(opts.scope);
  if (opts.input.identifier !== opts.identifier) {
    throw new AppError("VALIDATION_FAILED", "An environment's identifier cannot change", {
      fieldErrors: { identifier: [`Identifier is immutable; it stays "${opts.identifier}"`] },
    });
  }
  checkBodyScope(key, opts.input, "environment");
  const before = await getEnvironmentRowOrThrow(key, opts.identifier);
  const after = await q.transaction(async (tx) => {
    if ((await q.updateEnvironmentRow(tx, before.id, opts.version, columns(opts.input))) === 0) {
      throw versionConflict((await q.getEnvironmentById(tx, before.id)).version);
    }
    const updated = await q.getEnvironmentById(tx, before.id);
    await recordAudit(tx, {
      ...audit(opts.by, key, updated.identifier, "UPDATE"),
      before: auditable(before),
      after: auditable(updated),
    });
    return updated;
  });
  return toDto(after);
}

export async function deleteEnvironment(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = requireProject(opts.scope);
  const row = await getEnvironmentRowOrThrow(key, opts.identifier);
  await q.transaction(async (tx) => {
    // The foreign key (ON DELETE RESTRICT) still refuses a definition created after this check.
    const left = await q.infrastructuresIn(tx, row.id);
    if (left.length) {
      const names = left.map((d) => d.identifier);
      throw new AppError(
        "IN_USE",
        `Environment "${row.identifier}" still holds infrastructure definitions ${names.join(", ")}; delete them first`,
        {
          extra: {
            references: names.map((identifier) => ({
              type: "InfrastructureDefinition",
              identifier,
              environment: row.identifier,
            })),
          },
        },
      );
    }
    await q.deleteEnvironmentRow(tx, row.id);
    await recordAudit(tx, { ...audit(opts.by, key, row.identifier, "DELETE"), before: auditable(row) });
  });
}
