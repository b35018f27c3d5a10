// The caller as the console shows it: identity, grants, and permissions at the asked scope.
import "server-only";
import { knowsScope, permissionsAt } from "@/lib/access";
import type { MeDto } from "@/lib/auth/schemas";
import { getMe } from "@/lib/auth/users";
import { AppError } from "@/lib/http/errors";
import type { Actor, Scope } from "@/lib/scope";

export async function describeMe(actor: Actor, scope: Scope): Promise<MeDto> {
  if (actor.kind === "system" || actor.kind === "delegate") throw new AppError("NOT_FOUND", "No such principal");
  const user = actor.kind === "user" ? await getMe(actor.id) : null;
  return {
    id: actor.id,
    kind: actor.kind,
    name: user?.name ?? actor.name,
    email: user?.email ?? null,
    // A scope the caller has no role in: no permissions (rather than a 404, so the menu still works).
    permissions: knowsScope(actor, scope) ? permissionsAt(actor, scope) : [],
    grants: (actor.grants ?? []).map((g) => ({
      role: g.role,
      orgIdentifier: g.scope.orgIdentifier,
      projectIdentifier: g.scope.projectIdentifier,
    })),
  };
}

/** The caller as the owner of personal tokens: only users have them. */
export function userOwner(actor: Actor): { kind: "user"; id: string } {
  if (actor.kind !== "user")
    throw new AppError("FORBIDDEN", "Personal tokens belong to users; a service account's tokens are under its page");
  return { kind: "user", id: actor.id };
}
