// Proves the hand-written SQL migrations produce exactly the schema in prisma/schema.prisma:
// the expectations are read from Prisma's own DMMF, not from a list kept by hand.
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Dmmf = Awaited<ReturnType<typeof internals.getDMMF>>;
const pgTypes: Record<string, string[]> = {
  String: ["text"],
  Int: ["integer"],
  BigInt: ["bigint"],
  Boolean: ["boolean"],
  DateTime: ["timestamp without time zone", "timestamp with time zone"],
  Json: ["jsonb"],
  Float: ["double precision"],
};

let client: pg.Client;
let dmmf: Dmmf;

beforeAll(async () => {
  dmmf = await internals.getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") });
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

async function columns(table: string) {
  const r = await client.query<{ column_name: string; is_nullable: string; data_type: string; udt_name: string }>(
    `SELECT column_name, is_nullable, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(r.rows.map((c) => [c.column_name, c]));
}

async function indexes(table: string) {
  const r = await client.query<{ columns: string[]; is_unique: boolean; is_primary: boolean }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, ix.indisunique AS is_unique, ix.indisprimary AS is_primary
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname = $1
      GROUP BY ix.indexrelid, ix.indisunique, ix.indisprimary`,
    [table],
  );
  return r.rows;
}

describe("migrated database matches prisma/schema.prisma", () => {
  it("has every model as a table, and no table the schema does not know", async () => {
    const r = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const tables = r.rows
      .map((t) => t.table_name)
      .filter((t) => t !== "_prisma_migrations")
      .sort();
    const models = dmmf.datamodel.models.map((m) => m.dbName ?? m.name).sort();
    expect(tables).toEqual(models);
  });

  it("has every scalar field as a column with the right nullability and type, and no extra columns", async () => {
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const cols = await columns(table);
      const fields = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
      for (const f of fields) {
        const col = cols.get(f.dbName ?? f.name);
        expect(col, `${table}.${f.name} exists`).toBeDefined();
        expect(col!.is_nullable, `${table}.${f.name} nullability`).toBe(f.isRequired ? "NO" : "YES");
        if (f.kind === "scalar") {
          // A list is an array column: its element type is the udt name without the leading "_".
          const type = f.isList ? col!.udt_name.replace(/^_/, "") : col!.data_type;
          expect(pgTypes[f.type] ?? [], `${table}.${f.name} type ${type}`).toContain(type);
        }
      }
      expect([...cols.keys()].sort(), `${table} has no extra columns`).toEqual(
        fields.map((f) => f.dbName ?? f.name).sort(),
      );
    }
  });

  it("has every id, unique constraint and index", async () => {
    for (const index of dmmf.datamodel.indexes) {
      const model = dmmf.datamodel.models.find((m) => m.name === index.model)!;
      const table = model.dbName ?? model.name;
      const wanted = index.fields.map((f) => model.fields.find((mf) => mf.name === f.name)?.dbName ?? f.name);
      const found = (await indexes(table)).find((ix) => JSON.stringify(ix.columns) === JSON.stringify(wanted));
      expect(found, `${index.type} index on ${table}(${wanted.join(", ")})`).toBeDefined();
      expect(found!.is_primary, `${table}(${wanted}) primary`).toBe(index.type === "id");
      expect(found!.is_unique, `${table}(${wanted}) unique`).toBe(index.type !== "normal");
    }
  });

  it("has a foreign key for every relation that holds one", async () => {
    for (const model of dmmf.datamodel.models) {
      for (const f of model.fields.filter((x) => x.kind === "object" && x.relationFromFields?.length)) {
        const r = await client.query(
          `SELECT 1 FROM information_schema.table_constraints WHERE table_name = $1 AND constraint_type = 'FOREIGN KEY' AND constraint_name = $2`,
          [model.dbName ?? model.name, `${model.dbName ?? model.name}_${f.relationFromFields!.join("_")}_fkey`],
        );
        expect(r.rowCount, `${model.name}.${f.name} foreign key`).toBe(1);
      }
    }
  });
});
