// Enforcement: a denial is 403 naming the permission and the least role that has it; a scope the
// caller may not even know of is the same 404 a scope that does not exist gives.
import { AppError } from "@/lib/http/errors";
import { scopeLabel } from "@/lib/scope";
import { can, knowsScope, leastRoleWith, type Permission, type Principal } from "./permissions";

type ScopeLike = { accountId: string; orgIdentifier?: string; projectIdentifier?: string };

/** The 404 resolveScope gives for a scope that does not exist, word for word. */
export function scopeNotFound(at: ScopeLike): AppError {
  if (at.projectIdentifier)
    return new AppError(
      "NOT_FOUND",
      `Project "${at.projectIdentifier}" does not exist in organization "${at.orgIdentifier}"`,
    );
  return new AppError("NOT_FOUND", `Organization "${at.orgIdentifier}" does not exist`);
}

export function forbidden(permission: Permission, at: ScopeLike): AppError {
  const role = leastRoleWith(permission);
  return new AppError(
    "FORBIDDEN",
    `You need the "${permission}" permission in ${scopeLabel(at)}${role ? ` (${role.name} has it)` : ""}`,
    {
      extra: {
        permission,
        scope: { orgIdentifier: at.orgIdentifier ?? "", projectIdentifier: at.projectIdentifier ?? "" },
      },
    },
  );
}

/** Throws unless `who` holds `permission` at `at` (or a scope above it). */
export function requirePermission(who: Principal | undefined, permission: Permission, at: ScopeLike): void {
  if (can(who, permission, at)) return;
  if ((at.orgIdentifier || at.projectIdentifier) && !knowsScope(who, at)) throw scopeNotFound(at);
  throw forbidden(permission, at);
}
