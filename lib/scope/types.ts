// The scope vocabulary every layer shares: where a resource lives (account → org → project) and
// who acts. Pure types and functions: no I/O, usable in the browser and on the server.
export type ScopeLevel = "account" | "org" | "project";

/** The request's scope as the URL names it (`?org=&project=`). */
export interface ScopeRef {
  org?: string;
  project?: string;
}

/** A resolved scope: the identifiers, and the row ids once the org and project were found. */
export interface Scope {
  level: ScopeLevel;
  accountId: string;
  orgIdentifier?: string;
  projectIdentifier?: string;
  orgId?: string;
  projectId?: string;
}

/** A scope as stored on rows: "" where the level is above org or project. */
export interface ScopeKey {
  accountId: string;
  orgIdentifier: string;
  projectIdentifier: string;
}

/** The key of a project: resources that exist only inside a project (environments, GitOps). */
export type ProjectKey = ScopeKey;

/** A role given at a scope (lib/access says what each role allows). */
export interface Grant {
  role: string;
  scope: ScopeKey;
}

/**
 * Who acts, and in which request. The one type route handlers hand to services, services check
 * permissions on (lib/access) and write into the audit trail.
 */
export interface Actor {
  id: string;
  name: string;
  kind: "user" | "serviceAccount" | "system" | "delegate";
  /** The roles the actor holds; none means it may do nothing (deny by default). */
  grants?: readonly Grant[];
  requestId?: string;
  /** The client's address and user agent, for the audit trail. */
  address?: string;
  userAgent?: string;
}

/** Conduit itself: command-line tools and background work. */
export const SYSTEM_ACTOR: Actor = { id: "system", name: "Conduit", kind: "system" };
