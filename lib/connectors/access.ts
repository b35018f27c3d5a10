// The permissions a connector needs beyond its own route's: referencing a secret needs `secret:access`
// where the secret lives (checked when saving, for references that are new or changed, and for
// every reference of an unsaved test), and credentials that run as Conduit itself (the delegate's
// role, IRSA) need `server_identity:use`, which only an Account Admin holds.
import "server-only";
import { can, forbidden } from "@/lib/access";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { scopeLabel, type Actor, type Scope } from "@/lib/scope";
import type { ConnectorInput } from "./schemas";

const SERVER_IDENTITY_TYPES = new Set(["InheritFromDelegate", "Irsa"]);

export function checkServerIdentity(by: Actor, scope: Scope, spec: ConnectorInput["spec"]): void {
  if (!SERVER_IDENTITY_TYPES.has(spec.credential.type)) return;
  const account = { accountId: scope.accountId };
  if (can(by, "server_identity:use", account)) return;
  const err = forbidden("server_identity:use", account);
  throw new AppError(
    "FORBIDDEN",
    "A connector that uses Conduit's own AWS identity (the delegate's role or IRSA) can be saved and tested only by an Account Admin",
    { ...err.options, fieldErrors: { "spec.credential.type": ["Only an Account Admin can choose this"] } },
  );
}

/** Throws 403 naming each referenced secret the actor may not use (field by field). */
export function checkSecretAccess(
  by: Actor,
  refs: {
    field: string;
    ref: string;
    secret: { orgIdentifier: string; projectIdentifier: string; accountId: string };
  }[],
): void {
  const fieldErrors: FieldErrors = {};
  for (const r of refs)
    if (!can(by, "secret:access", r.secret))
      fieldErrors[r.field] = [`You need the "secret:access" permission in ${scopeLabel(r.secret)} to use "${r.ref}"`];
  if (Object.keys(fieldErrors).length)
    throw new AppError("FORBIDDEN", "You may not use some of the referenced secrets", {
      fieldErrors,
      extra: { permission: "secret:access" },
    });
}
