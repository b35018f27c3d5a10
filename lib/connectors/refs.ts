// Connector references, the way secret references work: `<id>` is a connector in the caller's
// own scope, `org.<id>` one in the caller's org, `account.<id>` one at account scope.
import "server-only";
import type { Scope } from "@/lib/scopes/service";
import { scopeKey } from "@/lib/secrets/service";
import { findConnectorForRef, type ConnectorRefRow } from "./queries";
import type { ConnectorInput } from "./schemas";

const CONNECTOR_REF = /^(?:(account|org)\.)?([a-zA-Z_][0-9a-zA-Z_$]{0,127})$/;

export type ConnectorRefLevel = "account" | "org" | "project";

/** `project` means "the caller's own scope" (a project, or an org or the account when the caller is one). */
export function parseConnectorRef(ref: string): { level: ConnectorRefLevel; identifier: string } | null {
  const m = CONNECTOR_REF.exec(ref.trim());
  if (!m || !m[2]) return null;
  return { level: (m[1] as "account" | "org" | undefined) ?? "project", identifier: m[2] };
}

export interface ResolvedConnector {
  id: string;
  identifier: string;
  name: string;
  /** Where the connector lives (its secret references resolve from here, not from the caller). */
  scope: Scope;
  /** How the caller refers to it: the bare identifier in its own scope, else `org.`/`account.`. */
  ref: string;
  spec: ConnectorInput["spec"];
  /** The newest stored connection test, for the picker. */
  lastTest: { status: string; testedAt: string } | null;
  /** The row's version: changes whenever the connector is edited (cache keys). */
  version: number;
}

/** The scope a reference points into, or null when the caller has no such parent (org. from the account). */
export function connectorScope(from: Scope, level: ConnectorRefLevel): Scope | null {
  if (level === "account") return { level: "account", accountId: from.accountId };
  if (level === "org") {
    if (!from.orgIdentifier) return null;
    return { level: "org", accountId: from.accountId, orgIdentifier: from.orgIdentifier, orgId: from.orgId };
  }
  return from;
}

/** How an entity in `from` refers to a connector that lives in `at`. */
export function connectorRefFrom(from: Scope, at: Scope, identifier: string): string {
  return at.level === from.level ? identifier : `${at.level}.${identifier}`;
}

/** The row with its secrets (server use only: lib/aws/session.ts), plus the public view. */
export async function resolveConnectorRow(
  from: Scope,
  ref: string,
): Promise<{ row: ConnectorRefRow; connector: ResolvedConnector } | null> {
  const parsed = parseConnectorRef(ref);
  if (!parsed) return null;
  const at = connectorScope(from, parsed.level);
  if (!at) return null;
  const row = await findConnectorForRef(scopeKey(at), parsed.identifier);
  if (!row) return null;
  const last = row.tests[0];
  return {
    row,
    connector: {
      id: row.id,
      identifier: row.identifier,
      name: row.name,
      scope: at,
      ref: connectorRefFrom(from, at, row.identifier),
      spec: row.spec as ConnectorInput["spec"],
      lastTest: last ? { status: last.status, testedAt: last.startedAt.toISOString() } : null,
      version: row.version,
    },
  };
}

/** The connector a reference from `from` points at, or null when it does not resolve. */
export async function resolveConnectorRef(from: Scope, ref: string): Promise<ResolvedConnector | null> {
  return (await resolveConnectorRow(from, ref))?.connector ?? null;
}
