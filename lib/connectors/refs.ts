// Connector references, the way secret references work: `<id>` is a connector in the caller's
// own scope, `org.<id>` one in the caller's org, `account.<id>` one at account scope.
import "server-only";
import { parseScopedRef, refFrom, refTargetScope, scopeKey, type Scope } from "@/lib/scope";
import { findConnectorWithSecrets, type ConnectorWithSecrets } from "./queries";
import type { ConnectorInput } from "./schemas";

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

/** The row with its secrets (server use only: lib/aws/session.ts), plus the public view. */
export async function resolveConnectorRow(
  from: Scope,
  ref: string,
): Promise<{ row: ConnectorWithSecrets; connector: ResolvedConnector } | null> {
  const parsed = parseScopedRef(ref);
  if (!parsed) return null;
  const at = refTargetScope(from, parsed.level);
  if (!at) return null;
  const row = await findConnectorWithSecrets(scopeKey(at), parsed.identifier);
  if (!row) return null;
  return {
    row,
    connector: {
      id: row.id,
      identifier: row.identifier,
      name: row.name,
      scope: at,
      ref: refFrom(from, at.level, row.identifier),
      spec: row.spec as ConnectorInput["spec"],
      lastTest: row.lastTest ? { status: row.lastTest.status, testedAt: row.lastTest.startedAt } : null,
      version: row.version,
    },
  };
}

/** The connector a reference from `from` points at, or null when it does not resolve. */
export async function resolveConnectorRef(from: Scope, ref: string): Promise<ResolvedConnector | null> {
  return (await resolveConnectorRow(from, ref))?.connector ?? null;
}
