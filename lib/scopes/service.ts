// Scope resolution (account / org / project) and organization & project management.
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { knowsScope } from "@/lib/access";
import { defineResource } from "@/lib/resource/kernel";
import * as q from "./queries";
import type { OrganizationCreate, OrganizationDto, OrganizationUpdate, ProjectDto } from "./schemas";
import type { Actor, Scope, ScopeRef } from "@/lib/scope";

export const accountId = () => env().CONDUIT_ACCOUNT_ID;

export async function resolveScope(ref: ScopeRef): Promise<Scope> {
  const account = accountId();
  if (!ref.org) {
    if (ref.project)
      throw new AppError("VALIDATION_FAILED", "A project scope also needs its org", {
        fieldErrors: { org: ["Required with project"] },
      });
    return { level: "account", accountId: account };
  }
  const org = await q.findOrganization(account, ref.org);
  if (!org) throw new AppError("NOT_FOUND", `Organization "${ref.org}" does not exist`);
  if (!ref.project) return { level: "org", accountId: account, orgIdentifier: org.identifier, orgId: org.id };
  const project = await q.findProject(org.id, ref.project);
  if (!project) throw new AppError("NOT_FOUND", `Project "${ref.project}" does not exist in organization "${ref.org}"`);
  return {
    level: "project",
    accountId: account,
    orgIdentifier: org.identifier,
    orgId: org.id,
    projectIdentifier: project.identifier,
    projectId: project.id,
  };
}

type OrgRow = NonNullable<Awaited<ReturnType<typeof q.findOrganization>>>;
type ProjectRow = NonNullable<Awaited<ReturnType<typeof q.findProject>>>;

const toOrgDto = (o: OrgRow, projectCount: number): OrganizationDto => ({
  identifier: o.identifier,
  name: o.name,
  description: o.description,
  version: o.version,
  projectCount,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});
const toProjectDto = (p: ProjectRow, orgIdentifier: string): ProjectDto => ({
  identifier: p.identifier,
  orgIdentifier,
  name: p.name,
  description: p.description,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
const auditable = (x: { name: string; description: string; identifier: string }) => ({
  identifier: x.identifier,
  name: x.name,
  description: x.description,
});

/** Organizations are keyed by the account, projects by their organization. */
interface OrgKey {
  accountId: string;
}
interface ProjectKey {
  org: OrgRow;
}

const organizations = defineResource<OrgRow, OrgKey>({
  type: "Organization",
  where: () => "in this account",
  find: (k, identifier) => q.findOrganization(k.accountId, identifier),
  reload: q.reloadOrganization,
  auditable,
  auditScope: (k) => ({ accountId: k.accountId, orgIdentifier: "", projectIdentifier: "" }),
});

const projects = defineResource<ProjectRow, ProjectKey>({
  type: "Project",
  where: (k) => `in organization "${k.org.identifier}"`,
  find: (k, identifier) => q.findProject(k.org.id, identifier),
  reload: q.reloadProject,
  auditable,
  auditScope: (k) => ({ accountId: k.org.accountId, orgIdentifier: k.org.identifier, projectIdentifier: "" }),
});

const orgKey = (): OrgKey => ({ accountId: accountId() });

async function projectOrThrow(orgIdentifier: string, identifier: string) {
  const org = await organizations.get(orgKey(), orgIdentifier);
  return { key: { org }, project: await projects.get({ org }, identifier) };
}

/** The organizations the caller may know of (a grant at the account, the org, or one of its projects). */
export async function listOrganizations(by: Actor): Promise<OrganizationDto[]> {
  const account = accountId();
  const rows = await q.listOrganizationRows(account);
  return rows
    .filter((r) => knowsScope(by, { accountId: account, orgIdentifier: r.identifier }))
    .map((r) => toOrgDto(r, r._count.projects));
}

export async function getOrganization(identifier: string): Promise<OrganizationDto> {
  const org = await organizations.get(orgKey(), identifier);
  return toOrgDto(org, (await q.listProjectRows(org.id)).length);
}

export async function createOrganization(opts: { input: OrganizationCreate; by: Actor }): Promise<OrganizationDto> {
  const key = orgKey();
  await organizations.assertFree(key, opts.input.identifier);
  const org = await organizations.create({ key, by: opts.by }, opts.input.identifier, (tx) =>
    q.insertOrganization(tx, key.accountId, opts.input),
  );
  return toOrgDto(org, 0);
}

export async function updateOrganization(opts: {
  identifier: string;
  input: OrganizationUpdate;
  version: number;
  by: Actor;
}): Promise<OrganizationDto> {
  const key = orgKey();
  const before = await organizations.get(key, opts.identifier);
  const { version: _v, ...input } = opts.input;
  const updated = await organizations.update({ key, by: opts.by }, before, opts.version, (tx) =>
    q.updateOrganizationRow(tx, before.id, opts.version, input),
  );
  return getOrganization(updated.identifier);
}

/** Refused while it holds projects or resources of its own (the 409 names them). */
export async function deleteOrganization(opts: { identifier: string; by: Actor }): Promise<void> {
  const key = orgKey();
  const org = await organizations.get(key, opts.identifier);
  await organizations.remove({ key, by: opts.by }, org, (tx) => q.deleteOrganizationRow(tx, org.id));
}

/** The organization's projects the caller may know of. */
export async function listProjects(orgIdentifier: string, by: Actor): Promise<ProjectDto[]> {
  const org = await organizations.get(orgKey(), orgIdentifier);
  return (await q.listProjectRows(org.id))
    .filter((p) => knowsScope(by, { accountId: accountId(), orgIdentifier, projectIdentifier: p.identifier }))
    .map((p) => toProjectDto(p, org.identifier));
}

export async function getProject(orgIdentifier: string, identifier: string): Promise<ProjectDto> {
  const { key, project } = await projectOrThrow(orgIdentifier, identifier);
  return toProjectDto(project, key.org.identifier);
}

export async function createProject(opts: {
  orgIdentifier: string;
  input: OrganizationCreate;
  by: Actor;
}): Promise<ProjectDto> {
  const key = { org: await organizations.get(orgKey(), opts.orgIdentifier) };
  await projects.assertFree(key, opts.input.identifier);
  const project = await projects.create({ key, by: opts.by }, opts.input.identifier, (tx) =>
    q.insertProject(tx, key.org.id, opts.input),
  );
  return toProjectDto(project, key.org.identifier);
}

export async function updateProject(opts: {
  orgIdentifier: string;
  identifier: string;
  input: OrganizationUpdate;
  version: number;
  by: Actor;
}): Promise<ProjectDto> {
  const { key, project } = await projectOrThrow(opts.orgIdentifier, opts.identifier);
  const { version: _v, ...input } = opts.input;
  const after = await projects.update({ key, by: opts.by }, project, opts.version, (tx) =>
    q.updateProjectRow(tx, project.id, opts.version, input),
  );
  return toProjectDto(after, key.org.identifier);
}

/** Refused while it holds connectors, secrets, environments or GitOps agents (the 409 names them). */
export async function deleteProject(opts: { orgIdentifier: string; identifier: string; by: Actor }): Promise<void> {
  const { key, project } = await projectOrThrow(opts.orgIdentifier, opts.identifier);
  await projects.remove({ key, by: opts.by }, project, (tx) => q.deleteProjectRow(tx, project.id));
}
