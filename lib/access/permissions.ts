// What each built-in role allows. Pure data and pure checks: the server enforces them in
// lib/api (every route declares its permission) and in services that need a second check
// (a secret referenced from another scope needs `secret:access` there); the browser reads the
// same table to hide what the caller may not do.
import type { Actor, ScopeKey } from "@/lib/scope";

export const resourceKinds = [
  "org",
  "project",
  "connector",
  "secret",
  "environment",
  "infrastructure",
  "gitops_agent",
  "gitops_cluster",
  "audit",
  "oidc",
  "access",
  "user",
  "server_identity",
  "delegate",
] as const;
export type ResourceKind = (typeof resourceKinds)[number];
export type Action = "view" | "edit" | "delete" | "test" | "access" | "manage" | "use";
export type Permission = `${ResourceKind}:${Action}`;

export const roleIds = ["account_admin", "org_admin", "project_admin", "editor", "viewer"] as const;
export type RoleId = (typeof roleIds)[number];

const VIEW: Permission[] = [
  "org:view",
  "project:view",
  "connector:view",
  "secret:view",
  "environment:view",
  "infrastructure:view",
  "gitops_agent:view",
  "gitops_cluster:view",
  "audit:view",
  "oidc:view",
  "access:view",
  "delegate:view",
];
const EDIT: Permission[] = [
  ...VIEW,
  ...(["connector", "secret", "environment", "infrastructure", "gitops_agent", "gitops_cluster"] as const).flatMap(
    (k): Permission[] => [`${k}:edit`, `${k}:delete`],
  ),
  "connector:test",
  "gitops_cluster:test",
  "secret:access",
];
const PROJECT_ADMIN: Permission[] = [...EDIT, "access:manage", "project:edit"];
const ORG_ADMIN: Permission[] = [...PROJECT_ADMIN, "project:delete", "org:edit"];

export interface RoleDefinition {
  id: RoleId;
  name: string;
  description: string;
  permissions: ReadonlySet<Permission>;
}

export const ROLES: Record<RoleId, RoleDefinition> = {
  account_admin: {
    id: "account_admin",
    name: "Account Admin",
    description:
      "Everything in the account: organizations, users, OIDC keys, delegates, and connectors that run as Conduit's own identity.",
    permissions: new Set<Permission>([
      ...ORG_ADMIN,
      "org:delete",
      "user:manage",
      "oidc:manage",
      "server_identity:use",
      "delegate:manage",
    ]),
  },
  org_admin: {
    id: "org_admin",
    name: "Org Admin",
    description: "Everything in its organization and its projects, including projects and who may do what.",
    permissions: new Set(ORG_ADMIN),
  },
  project_admin: {
    id: "project_admin",
    name: "Project Admin",
    description: "Everything in its project, including service accounts and role bindings.",
    permissions: new Set(PROJECT_ADMIN),
  },
  editor: {
    id: "editor",
    name: "Editor",
    description: "Create, change, delete and test resources; reference secrets.",
    permissions: new Set(EDIT),
  },
  viewer: {
    id: "viewer",
    name: "Viewer",
    description: "Read everything in its scope; change nothing.",
    permissions: new Set(VIEW),
  },
};

/** Who is asking, as far as permissions go. `system` is Conduit itself (CLI scripts, background work). */
export type Principal = Pick<Actor, "kind" | "grants">;

const roleOf = (id: string): RoleDefinition | undefined => (Object.hasOwn(ROLES, id) ? ROLES[id as RoleId] : undefined);

type ScopeLike = { accountId: string; orgIdentifier?: string; projectIdentifier?: string };

const norm = (s: ScopeLike): ScopeKey => ({
  accountId: s.accountId,
  orgIdentifier: s.orgIdentifier ?? "",
  projectIdentifier: s.projectIdentifier ?? "",
});

/** A grant at `at` reaches `target` when `at` is the target's scope or one above it. */
export function covers(at: ScopeKey, target: ScopeLike): boolean {
  const t = norm(target);
  if (at.accountId !== t.accountId) return false;
  if (at.orgIdentifier === "") return true;
  if (at.orgIdentifier !== t.orgIdentifier) return false;
  return at.projectIdentifier === "" || at.projectIdentifier === t.projectIdentifier;
}

export function can(who: Principal | undefined, permission: Permission, at: ScopeLike): boolean {
  if (!who) return false;
  if (who.kind === "system") return true;
  return (who.grants ?? []).some((g) => covers(g.scope, at) && roleOf(g.role)?.permissions.has(permission) === true);
}

/**
 * Whether the caller may know the scope exists: a grant at it, above it, or inside it (a
 * project member sees its organization in the picker). A scope it may not know is a 404.
 */
export function knowsScope(who: Principal | undefined, at: ScopeLike): boolean {
  if (!who) return false;
  if (who.kind === "system") return true;
  const t = norm(at);
  return (who.grants ?? []).some((g) => covers(g.scope, t) || covers(t, g.scope));
}

/** The permissions the caller has at a scope (the browser's "may I?" table). */
export function permissionsAt(who: Principal | undefined, at: ScopeLike): Permission[] {
  if (!who) return [];
  const out = new Set<Permission>();
  for (const g of who.grants ?? [])
    if (covers(g.scope, at)) for (const p of roleOf(g.role)?.permissions ?? []) out.add(p);
  if (who.kind === "system") for (const r of Object.values(ROLES)) for (const p of r.permissions) out.add(p);
  return [...out].sort();
}

/** The least powerful role whose permissions include this one: for "ask an X" / "X has it" hints. */
export function leastRoleWith(permission: Permission): RoleDefinition | undefined {
  return [...roleIds]
    .reverse()
    .map((id) => ROLES[id])
    .find((r) => r.permissions.has(permission));
}
