// Scope resolution (account / org / project) and organization & project management.
import "server-only";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import * as q from "./queries";
import type {
  OrganizationCreate,
  OrganizationDto,
  OrganizationUpdate,
  ProjectDto,
  ScopeLevel,
  ScopeRef,
} from "./schemas";

export interface Scope {
  level: ScopeLevel;
  accountId: string;
  orgIdentifier?: string;
  projectIdentifier?: string;
  orgId?: string;
  projectId?: string;
}

export interface Actor {
  actor: string;
  requestId?: string;
}

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

async function assertScopeEmpty(what: string, orgIdentifier: string, projectIdentifier?: string) {
  const left = await q.scopeContents(accountId(), orgIdentifier, projectIdentifier);
  const parts = [
    left.connectors.length ? `connectors ${left.connectors.join(", ")}` : "",
    left.secrets.length ? `secrets ${left.secrets.join(", ")}` : "",
    left.environments.length ? `environments ${left.environments.join(", ")}` : "",
    left.gitopsAgents.length ? `GitOps agents ${left.gitopsAgents.join(", ")}` : "",
  ].filter(Boolean);
  if (parts.length) {
    throw new AppError("IN_USE", `${what} still holds ${parts.join(" and ")}; delete or move them first`, {
      extra: {
        references: [
          ...left.connectors.map((identifier) => ({ type: "Connector", identifier })),
          ...left.secrets.map((identifier) => ({ type: "Secret", identifier })),
          ...left.environments.map((identifier) => ({ type: "Environment", identifier })),
          ...left.gitopsAgents.map((identifier) => ({ type: "GitopsAgent", identifier })),
        ],
      },
    });
  }
}

async function getOrgOrThrow(identifier: string): Promise<OrgRow> {
  const org = await q.findOrganization(accountId(), identifier);
  if (!org) throw new AppError("NOT_FOUND", `Organization "${identifier}" does not exist`);
  return org;
}

async function getProjectOrThrow(
  orgIdentifier: string,
  identifier: string,
): Promise<{ org: OrgRow; project: ProjectRow }> {
  const org = await getOrgOrThrow(orgIdentifier);
  const project = await q.findProject(org.id, identifier);
  if (!project)
    throw new AppError("NOT_FOUND", `Project "${identifier}" does not exist in organization "${orgIdentifier}"`);
  return { org, project };
}

export async function listOrganizations(): Promise<OrganizationDto[]> {
  const rows = await q.listOrganizationRows(accountId());
  return rows.map((r) => toOrgDto(r, r._count.projects));
}

export async function getOrganization(identifier: string): Promise<OrganizationDto> {
  const org = await getOrgOrThrow(identifier);
  return toOrgDto(org, (await q.listProjectRows(org.id)).length);
}

export async function createOrganization(opts: { input: OrganizationCreate; by: Actor }): Promise<OrganizationDto> {
  const account = accountId();
  if (await q.findOrganization(account, opts.input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `Organization "${opts.input.identifier}" already exists`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const org = await q.transaction(async (tx) => {
    const created = await q.insertOrganization(tx, account, opts.input);
    await recordAudit(tx, {
      actor: opts.by.actor,
      requestId: opts.by.requestId,
      action: "CREATE",
      entityType: "Organization",
      entityId: created.identifier,
      scope: { accountId: account, orgIdentifier: created.identifier },
      after: auditable(created),
    });
    return created;
  });
  return toOrgDto(org, 0);
}

export async function updateOrganization(opts: {
  identifier: string;
  input: OrganizationUpdate;
  version: number;
  by: Actor;
}): Promise<OrganizationDto> {
  const before = await getOrgOrThrow(opts.identifier);
  const updated = await q.transaction(async (tx) => {
    if ((await q.updateOrganizationRow(tx, before.id, opts.version, opts.input)) === 0) {
      throw versionConflict((await q.getOrganizationById(tx, before.id)).version);
    }
    const after = await q.getOrganizationById(tx, before.id);
    await recordAudit(tx, {
      actor: opts.by.actor,
      requestId: opts.by.requestId,
      action: "UPDATE",
      entityType: "Organization",
      entityId: after.identifier,
      scope: { accountId: before.accountId, orgIdentifier: after.identifier },
      before: auditable(before),
      after: auditable(after),
    });
    return after;
  });
  return getOrganization(updated.identifier);
}

export async function deleteOrganization(opts: { identifier: string; by: Actor }): Promise<void> {
  const org = await getOrgOrThrow(opts.identifier);
  const projects = await q.listProjectRows(org.id);
  if (projects.length) {
    throw new AppError(
      "IN_USE",
      `Delete its ${projects.length} project(s) first: ${projects.map((p) => p.identifier).join(", ")}`,
      {
        extra: { references: projects.map((p) => ({ type: "Project", identifier: p.identifier })) },
      },
    );
  }
  await assertScopeEmpty(`Organization "${org.identifier}"`, org.identifier);
  await q.transaction(async (tx) => {
    await q.deleteOrganizationRow(tx, org.id);
    await recordAudit(tx, {
      actor: opts.by.actor,
      requestId: opts.by.requestId,
      action: "DELETE",
      entityType: "Organization",
      entityId: org.identifier,
      scope: { accountId: org.accountId, orgIdentifier: org.identifier },
      before: auditable(org),
    });
  });
}

export async function listProjects(orgIdentifier: string): Promise<ProjectDto[]> {
  const org = await getOrgOrThrow(orgIdentifier);
  return (await q.listProjectRows(org.id)).map((p) => toProjectDto(p, org.identifier));
}

export async function getProject(orgIdentifier: string, identifier: string): Promise<ProjectDto> {
  const { org, project } = await getProjectOrThrow(orgIdentifier, identifier);
  return toProjectDto(project, org.identifier);
}

export async function createProject(opts: {
  orgIdentifier: string;
  input: OrganizationCreate;
  by: Actor;
}): Promise<ProjectDto> {
  const org = await getOrgOrThrow(opts.orgIdentifier);
  if (await q.findProject(org.id, opts.input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `Project "${opts.input.identifier}" already exists in "${org.identifier}"`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const project = await q.transaction(async (tx) => {
    const created = await q.insertProject(tx, org.id, opts.input);
    await recordAudit(tx, {
      actor: opts.by.actor,
      requestId: opts.by.requestId,
      action: "CREATE",
      entityType: "Project",
      entityId: created.identifier,
      scope: { accountId: org.accountId, orgIdentifier: org.identifier, projectIdentifier: created.identifier },
      after: auditable(created),
    });
    return created;
  });
  return toProjectDto(project, org.identifier);
}

export async function updateProject(opts: {
  orgIdentifier: string;
  identifier: string;
  input: OrganizationUpdate;
  version: number;
  by: Actor;
}): Promise<ProjectDto> {
  const { org, project } = await getProjectOrThrow(opts.orgIdentifier, opts.identifier);
  const after = await q.transaction(async (tx) => {
    if ((await q.updateProjectRow(tx, project.id, opts.version, opts.input)) === 0) {
      throw versionConflict((await q.getProjectById(tx, project.id)).version);
    }
    const updated = await q.getProjectById(tx, project.id);
    await recordAudit(tx, {
      actor: opts.by.actor,
      requestId: opts.by.requestId,
      action: "UPDATE",
      entityType: "Project",
      entityId: updated.identifier,
      scope: { accountId: org.accountId, orgIdentifier: org.identifier, projectIdentifier: updated.identifier },
      before: auditable(project),
      after: auditable(updated),
    });
    return updated;
  });
  return toProjectDto(after, org.identifier);
}

export async function deleteProject(opts: { orgIdentifier: string; identifier: string; by: Actor }): Promise<void> {
  const { org, project } = await getProjectOrThrow(opts.orgIdentifier, opts.identifier);
  await assertScopeEmpty(`Project "${project.identifier}"`, org.identifier, project.identifier);
  await q.transaction(async (tx) => {
    await q.deleteProjectRow(tx, project.id);
    await recordAudit(tx, {
      actor: opts.by.actor,
      requestId: opts.by.requestId,
      action: "DELETE",
      entityType: "Project",
      entityId: project.identifier,
      scope: { accountId: org.accountId, orgIdentifier: org.identifier, projectIdentifier: project.identifier },
      before: auditable(project),
    });
  });
}
