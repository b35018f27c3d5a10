// Environments: project-scoped CRUD with optimistic versions and audit; an environment that
// still holds infrastructure definitions cannot be deleted.
import "server-only";
import { defineResource, resourceMeta, rowMeta } from "@/lib/resource/kernel";
import { checkBodyScope, requireProject, scopeLabel, type Actor, type ProjectKey, type Scope } from "@/lib/scope";
import * as q from "./queries";
import type { EnvironmentDto, EnvironmentInput, EnvironmentListQuery } from "./schemas";

type Row = q.EnvironmentRow;
const WHAT = "Environments";

function toDto(r: Row): EnvironmentDto {
  return {
    environment: {
      ...resourceMeta(r),
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      type: r.type as EnvironmentInput["type"],
    },
    infrastructureCount: r._count.infrastructures,
    ...rowMeta(r),
  };
}

export const environments = defineResource<Row, ProjectKey>({
  type: "Environment",
  where: (key) => `in ${scopeLabel(key)}`,
  find: q.findEnvironment,
  reload: q.reloadEnvironment,
  auditable: (r) => ({ name: r.name, description: r.description, tags: r.tags, type: r.type }),
  auditScope: (key) => key,
});

const columns = (input: EnvironmentInput) => ({
  name: input.name,
  description: input.description,
  tags: input.tags,
  type: input.type,
});

/** The environment row (for other services, e.g. infrastructure definitions), or 404. */
export const getEnvironmentRowOrThrow = (key: ProjectKey, identifier: string): Promise<Row> =>
  environments.get(key, identifier);

export async function listEnvironments(
  scope: Scope,
  query: EnvironmentListQuery,
): Promise<{ items: EnvironmentDto[] }> {
  return { items: (await q.listEnvironmentRows(requireProject(scope, WHAT), query)).map(toDto) };
}

export async function getEnvironment(scope: Scope, identifier: string): Promise<EnvironmentDto> {
  return toDto(await environments.get(requireProject(scope, WHAT), identifier));
}

export async function createEnvironment(opts: {
  scope: Scope;
  input: EnvironmentInput;
  by: Actor;
}): Promise<EnvironmentDto> {
  const key = requireProject(opts.scope, WHAT);
  checkBodyScope(key, opts.input, "environment");
  await environments.assertFree(key, opts.input.identifier);
  const row = await environments.create({ key, by: opts.by }, opts.input.identifier, (tx) =>
    q.insertEnvironment(tx, { ...key, identifier: opts.input.identifier, ...columns(opts.input) }),
  );
  return toDto(row);
}

export async function updateEnvironment(opts: {
  scope: Scope;
  identifier: string;
  input: EnvironmentInput;
  version: number;
  by: Actor;
}): Promise<EnvironmentDto> {
  const key = requireProject(opts.scope, WHAT);
  environments.assertSameIdentifier(opts.identifier, opts.input.identifier);
  checkBodyScope(key, opts.input, "environment");
  const before = await environments.get(key, opts.identifier);
  const after = await environments.update({ key, by: opts.by }, before, opts.version, (tx) =>
    q.updateEnvironmentRow(tx, before.id, opts.version, columns(opts.input)),
  );
  return toDto(after);
}

/** Refused while infrastructure definitions still live in it (the 409 names them). */
export async function deleteEnvironment(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = requireProject(opts.scope, WHAT);
  const row = await environments.get(key, opts.identifier);
  await environments.remove({ key, by: opts.by }, row, (tx) => q.deleteEnvironmentRow(tx, row.id));
}
