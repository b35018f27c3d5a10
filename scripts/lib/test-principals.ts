// Principals for tests that go through the API's front door (withRoute authenticates every
// request): a user or a service account with role bindings at scopes and a live API token, made
// the way production makes them (RoleBinding rows, lib/auth/tokens.ts createToken), so the
// handler under test sees exactly the Actor lib/auth/principal.ts builds. Also in-memory actors
// with grants, for tests that call services directly.
import { randomBytes, randomUUID } from "node:crypto";
import type { RoleId } from "@/lib/access";
import { createToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR, type Actor, type Grant } from "@/lib/scope";

/** A role at a scope: the account without `org`, an org with it, a project with both. */
export interface GrantSpec {
  role: RoleId;
  org?: string;
  project?: string;
  /** Defaults to CONDUIT_ACCOUNT_ID as it is when the principal is made. */
  accountId?: string;
}

export interface TestPrincipal {
  actor: Actor;
  /** The bearer token's value (`cdt_…`). */
  token: string;
  tokenId: string;
  headers: { authorization: string };
}

export interface PrincipalOptions {
  grants?: GrantSpec[];
  /** A user (default) or a service account at account scope. */
  kind?: "user" | "serviceAccount";
  /** Display name; also the start of the user's email. */
  name?: string;
  /** Days until the token expires; none (default) means until revoked. */
  expiresInDays?: number | null;
}

const accountScope = (accountId = env().CONDUIT_ACCOUNT_ID) => ({
  accountId,
  orgIdentifier: "",
  projectIdentifier: "",
});

export const grantOf = (g: GrantSpec): Grant => ({
  role: g.role,
  scope: {
    accountId: g.accountId ?? env().CONDUIT_ACCOUNT_ID,
    orgIdentifier: g.org ?? "",
    projectIdentifier: g.project ?? "",
  },
});

/** An Actor with these grants, nothing stored: for calling services directly. */
export function actorWith(grants: GrantSpec[], who: Partial<Omit<Actor, "grants">> = {}): Actor {
  return { id: "test-actor", name: "Test actor", kind: "user", ...who, grants: grants.map(grantOf) };
}

/** An Account Admin Actor (nothing stored): may do everything a person may do in the account. */
export const adminActor = (who: Partial<Omit<Actor, "grants">> = {}): Actor =>
  actorWith([{ role: "account_admin" }], { id: "test-admin", name: "Test admin", ...who });

/** Creates the principal, its role bindings and a token; returns the headers that act as it. */
export async function principal(opts: PrincipalOptions = {}): Promise<TestPrincipal> {
  const kind = opts.kind ?? "user";
  const suffix = randomBytes(5).toString("hex");
  const label = opts.name ?? (kind === "user" ? "Test user" : "Test service account");
  let actor: Actor;
  if (kind === "user") {
    const id = randomUUID();
    const slug =
      label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "user";
    const email = `${slug}-${suffix}@test.conduit.invalid`;
    await db.user.create({ data: { id, name: label, email, emailVerified: true } });
    actor = { id, name: email, kind: "user" };
  } else {
    const identifier = `test_sa_${suffix}`;
    const row = await db.serviceAccount.create({
      data: { ...accountScope(), identifier, name: label },
    });
    actor = { id: row.id, name: `service account ${identifier}`, kind: "serviceAccount" };
  }
  const grants = (opts.grants ?? []).map(grantOf);
  for (const g of grants)
    await db.roleBinding.create({
      data: { ...g.scope, role: g.role, principalKind: kind, principalId: actor.id, createdBy: "test" },
    });
  const { token, item } = await createToken({
    owner: { kind, id: actor.id },
    input: { name: `test token ${suffix}`, expiresInDays: opts.expiresInDays ?? null },
    auditScope: accountScope(),
    by: SYSTEM_ACTOR,
  });
  return { actor: { ...actor, grants }, token, tokenId: item.id, headers: { authorization: `Bearer ${token}` } };
}

const admins = new Map<string, Promise<TestPrincipal>>();

/** An Account Admin of the current account (made once per account and test file). */
export function admin(): Promise<TestPrincipal> {
  const accountId = env().CONDUIT_ACCOUNT_ID;
  let made = admins.get(accountId);
  if (!made) {
    made = principal({ grants: [{ role: "account_admin" }], name: "Test admin" });
    admins.set(accountId, made);
  }
  return made;
}

/** `{ authorization: "Bearer cdt_…" }` of an Account Admin of the current account. */
export async function adminHeaders(): Promise<{ authorization: string }> {
  return (await admin()).headers;
}
