// A write that refers to other rows holds them for its transaction (FOR KEY SHARE: a delete of
// one waits until the write commits, then is refused as in use) and learns which are already
// gone, so a lost race with a delete is a 422 on the field that named the row, not a foreign-key
// error from the database.
import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/http/errors";

/** Tables a resource may refer to (a fixed list: the name goes into SQL). */
const TABLES = ["Secret", "Connector", "Environment", "GitopsAgent"] as const;
export type ReferencedTable = (typeof TABLES)[number];

export interface HeldReference {
  /** The request field that named the row: `spec.connectorRef`. */
  field: string;
  table: ReferencedTable;
  id: string;
  /** The row in words, for the message: `secret "aws_sk"`. */
  what: string;
}

export async function holdReferences(tx: Tx, refs: HeldReference[]): Promise<void> {
  if (!refs.length) return;
  const present = new Set<string>();
  for (const table of TABLES) {
    const ids = refs.filter((r) => r.table === table).map((r) => r.id);
    if (!ids.length) continue;
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM "${table}" WHERE id = ANY($1::text[]) FOR KEY SHARE`,
      ids,
    );
    for (const r of rows) present.add(`${table}:${r.id}`);
  }
  const gone = refs.filter((r) => !present.has(`${r.table}:${r.id}`));
  if (!gone.length) return;
  const fieldErrors: FieldErrors = Object.create(null) as FieldErrors;
  for (const g of gone) fieldErrors[g.field] = [`The ${g.what} was deleted while this was being saved; choose another`];
  throw new AppError("VALIDATION_FAILED", `The ${gone[0]!.what} was deleted while this was being saved`, {
    fieldErrors,
  });
}
