// Rules about the request's scope that every resource shares: project-only resources, and body
// scope fields that must agree with the URL.
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { scopeKey } from "./keys";
import type { ProjectKey, Scope, ScopeKey } from "./types";

/** Resources that exist only inside a project: 400 at any other scope. */
export function requireProject(scope: Scope, what: string): ProjectKey {
  if (scope.level !== "project" || !scope.orgIdentifier || !scope.projectIdentifier) {
    throw new AppError("BAD_REQUEST", `${what} belong to a project; pass ?org=<org>&project=<project>`, {
      fieldErrors: { project: ["Choose a project"] },
    });
  }
  return scopeKey(scope);
}

/** Body scope fields, when sent, must agree with the scope of the request. */
export function checkBodyScope(
  key: Pick<ScopeKey, "orgIdentifier" | "projectIdentifier">,
  input: { orgIdentifier?: string | null; projectIdentifier?: string | null },
  what: string,
): void {
  const errors: FieldErrors = {};
  const org = key.orgIdentifier || undefined;
  const project = key.projectIdentifier || undefined;
  if (input.orgIdentifier !== undefined && (input.orgIdentifier ?? undefined) !== org) {
    errors.orgIdentifier = [
      `The request is for ${org ? `org "${org}"` : "the account"}; move a ${what} by creating it in the other scope`,
    ];
  }
  if (input.projectIdentifier !== undefined && (input.projectIdentifier ?? undefined) !== project) {
    errors.projectIdentifier = [`The request is for ${project ? `project "${project}"` : "no project"}`];
  }
  if (Object.keys(errors).length) {
    throw new AppError("VALIDATION_FAILED", `The ${what}'s scope does not match the request`, { fieldErrors: errors });
  }
}
