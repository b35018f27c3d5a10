import type { ScopeRef } from "@/lib/scope";
import type { SecretDto } from "@/lib/secrets/schemas";

/** "the account", "organization payments", "project checkout (organization payments)". */
export function describeScope(scope: ScopeRef): string {
  if (scope.org && scope.project) return `project ${scope.project} (organization ${scope.org})`;
  if (scope.org) return `organization ${scope.org}`;
  return "the account";
}

/** Where a listed secret lives, for a compact table cell. */
export function secretScopeLabel(s: Pick<SecretDto, "scope" | "orgIdentifier" | "projectIdentifier">): string {
  if (s.scope === "project") return `Project ${s.projectIdentifier}`;
  if (s.scope === "org") return `Org ${s.orgIdentifier}`;
  return "Account";
}
