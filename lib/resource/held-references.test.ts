// A write holds the rows it refers to: a delete racing it waits, and one that won the race is a
// 422 on the field that named the row.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { resolveScope } from "@/lib/scopes/service";
import { createSecret, deleteSecret, resolveSecretRef } from "@/lib/secrets/service";
import { adminActor } from "@/scripts/lib/test-principals";
import { holdReferences } from "./held-references";

const by = adminActor({ id: "held-refs", name: "Held refs", kind: "user", requestId: "req-held" });

async function secret(identifier: string) {
  const scope = await resolveScope({});
  await createSecret({ scope, input: { identifier, name: identifier, description: "", tags: {}, value: "v" }, by });
  return { scope, row: (await resolveSecretRef(scope, identifier))! };
}

describe("holdReferences", () => {
  it("a row deleted before the write is a 422 on the field that named it", async () => {
    const { scope, row } = await secret(`held_gone_${Date.now()}`);
    await deleteSecret({ scope, identifier: row.identifier, by });
    const err = await db
      .$transaction((tx) =>
        holdReferences(tx, [
          { field: "spec.credential.spec.secretKeyRef", table: "Secret", id: row.id, what: `secret "x"` },
        ]),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", status: 422 });
    expect((err as AppError).options.fieldErrors).toEqual({
      "spec.credential.spec.secretKeyRef": ['The secret "x" was deleted while this was being saved; choose another'],
    });
  });

  it("a row held by a write cannot be deleted until the write ends", async () => {
    const { row } = await secret(`held_live_${Date.now()}`);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await db.$transaction(async (tx) => {
        await holdReferences(tx, [{ field: "f", table: "Secret", id: row.id, what: "secret" }]);
        await other.query("SET lock_timeout = '300ms'");
        await expect(other.query(`DELETE FROM "Secret" WHERE id = $1`, [row.id])).rejects.toMatchObject({
          code: "55P03",
        });
      });
    } finally {
      await other.end();
    }
  });
});
