// Scope keys (the columns rows store) and the chain of scopes a reference can see.
import type { Scope, ScopeKey, ScopeLevel } from "./types";

export const scopeKey = (s: Pick<Scope, "accountId" | "orgIdentifier" | "projectIdentifier">): ScopeKey => ({
  accountId: s.accountId,
  orgIdentifier: s.orgIdentifier ?? "",
  projectIdentifier: s.projectIdentifier ?? "",
});

/** The level of a stored row's scope. */
export const levelOf = (r: { orgIdentifier?: string | null; projectIdentifier?: string | null }): ScopeLevel =>
  r.projectIdentifier ? "project" : r.orgIdentifier ? "org" : "account";

/** The scope itself and the scopes above it, nearest first. */
export function scopeChain(s: Scope): ScopeKey[] {
  const chain = [scopeKey(s)];
  if (s.projectIdentifier)
    chain.push({ accountId: s.accountId, orgIdentifier: s.orgIdentifier ?? "", projectIdentifier: "" });
  if (s.orgIdentifier) chain.push({ accountId: s.accountId, orgIdentifier: "", projectIdentifier: "" });
  return chain;
}

/** Where a resource lives, in words: `project "p" in org "o"`, `org "o"`, `the account`. */
export function scopeLabel(s: { orgIdentifier?: string | null; projectIdentifier?: string | null }): string {
  if (s.projectIdentifier) return `project "${s.projectIdentifier}" in org "${s.orgIdentifier}"`;
  if (s.orgIdentifier) return `org "${s.orgIdentifier}"`;
  return "the account";
}
