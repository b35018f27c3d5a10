// Scoped references, the one grammar secret and connector references share: `<id>` is in the
// referrer's own scope, `org.<id>` in its org, `account.<id>` at account scope.
import type { Scope, ScopeLevel } from "./types";

export const SCOPED_REF_PATTERN = /^(?:(account|org)\.)?([a-zA-Z_][0-9a-zA-Z_$]{0,127})$/;

/** `level: "own"` means the referrer's own scope (a project, an org or the account). */
export interface ScopedRef {
  level: "account" | "org" | "own";
  identifier: string;
}

export function parseScopedRef(ref: string): ScopedRef | null {
  const m = SCOPED_REF_PATTERN.exec(ref.trim());
  if (!m || !m[2]) return null;
  return { level: (m[1] as "account" | "org" | undefined) ?? "own", identifier: m[2] };
}

/** The scope a reference from `from` points into, or null when `from` has no such parent (org. from the account). */
export function refTargetScope(from: Scope, level: ScopedRef["level"]): Scope | null {
  if (level === "account") return { level: "account", accountId: from.accountId };
  if (level === "org") {
    if (!from.orgIdentifier) return null;
    return { level: "org", accountId: from.accountId, orgIdentifier: from.orgIdentifier, orgId: from.orgId };
  }
  return from;
}

/** How something in `from` refers to an item that lives at level `at`: bare in its own level, else prefixed. */
export function refFrom(from: Pick<Scope, "level">, at: ScopeLevel, identifier: string): string {
  return at === from.level ? identifier : `${at}.${identifier}`;
}
