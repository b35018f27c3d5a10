// A connector's uses (lib/aws/usages.ts), Conduit's own extension `conduit: { usages }`:
// validated ids and resource names (422 on the field), stored in their column, returned in the
// DTO, and round-tripped through the YAML document. Integration: PostgreSQL and the route handlers.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { POST as postConnector } from "@/app/api/connectors/route";
import { GET as getConnectorRoute, PUT as putConnector } from "@/app/api/connectors/[identifier]/route";
import { db } from "@/lib/db";
import { resolveScope } from "@/lib/scopes/service";
import { createSecret } from "@/lib/secrets/service";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { principal } from "@/scripts/lib/test-principals";
import { scopeKey, type Scope } from "@/lib/scope";
import type { ConnectorDto } from "./dto";
import { findConnectorWithSecrets } from "./queries";
import { connectorInputSchema, type ConnectorInput, type UsageSelectionInput } from "./schemas";
import { createConnector, getConnector, updateConnector } from "./service";
import { connectorToYaml, parseConnectorYaml } from "./yaml";

const suffix = Date.now().toString(36);
const by = { id: "test", name: "Test", kind: "system" } as const;
const SECRET = `sk_usages_${suffix}`;
let scope: Scope;
let editor: { authorization: string };

const USAGES: UsageSelectionInput[] = [
  { id: "ecr-pull", resources: { repository: ["team/web"] } },
  { id: "eks-deploy", resources: { cluster: ["production"] } },
  { id: "s3-read" },
];

const input = (identifier: string, extra: Partial<ConnectorInput> = {}): ConnectorInput => ({
  ...accessKeyConnector(identifier, { accessKey: "AKIAIOSFODNN7EXAMPLE", secretKeyRef: SECRET }),
  ...extra,
});

const url = (path: string) => `http://localhost${path}`;
const itemParams = (identifier: string) => ({ params: Promise.resolve({ identifier }) });

async function post(body: unknown, yaml = false) {
  return postConnector(
    new NextRequest(url("/api/connectors"), {
      method: "POST",
      headers: { ...editor, "content-type": yaml ? "application/yaml" : "application/json" },
      body: yaml ? String(body) : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function put(identifier: string, body: unknown, version: number, yaml = false) {
  return putConnector(
    new NextRequest(url(`/api/connectors/${identifier}`), {
      method: "PUT",
      headers: {
        ...editor,
        "content-type": yaml ? "application/yaml" : "application/json",
        "if-match": `"${version}"`,
      },
      body: yaml ? String(body) : JSON.stringify(body),
    }),
    itemParams(identifier),
  );
}

const getYaml = (identifier: string) =>
  getConnectorRoute(
    new NextRequest(url(`/api/connectors/${identifier}?format=yaml`), { headers: editor }),
    itemParams(identifier),
  );

const fieldErrors = async (res: Response) => {
  expect(res.status).toBe(422);
  const body = (await res.json()) as { fieldErrors?: Record<string, string[]> };
  return body.fieldErrors ?? {};
};

beforeAll(async () => {
  scope = await resolveScope({});
  editor = (await principal({ grants: [{ role: "editor" }] })).headers;
  await createSecret({
    scope,
    input: { identifier: SECRET, name: SECRET, description: "", tags: {}, value: "not-a-real-key" },
    by,
  });
});

describe("a connector's uses (service)", () => {
  it("are stored on create, read back, replaced on update, and cleared when left out", async () => {
    const id = `use_svc_${suffix}`;
    const created = await createConnector({ scope, input: input(id, { conduit: { usages: [...USAGES] } }), by });
    expect(created.connector.conduit.usages).toEqual(USAGES);
    expect((await getConnector(scope, id)).connector.conduit.usages).toEqual(USAGES);
    // The connection test reads them with the connector's secrets.
    expect((await findConnectorWithSecrets(scopeKey(scope), id))?.usages).toEqual(USAGES);

    const updated = await updateConnector({
      scope,
      identifier: id,
      input: input(id, { conduit: { usages: [{ id: "ecr-push" }] } }),
      version: created.version,
      by,
    });
    expect(updated.connector.conduit.usages).toEqual([{ id: "ecr-push" }]);

    // A PUT replaces the whole connector: no `conduit` means no uses.
    const cleared = await updateConnector({ scope, identifier: id, input: input(id), version: updated.version, by });
    expect(cleared.connector.conduit).toEqual({ usages: [] });
  });

  it("a connector made without uses (and every existing one) has []", async () => {
    const id = `use_none_${suffix}`;
    const created = await createConnector({ scope, input: input(id), by });
    expect(created.connector.conduit).toEqual({ usages: [] });
    const row = await db.connector.findFirstOrThrow({ where: { identifier: id } });
    expect(row.usages).toEqual([]);
    // The column's own default, as the migration gave it to the rows that existed before.
    const [col] = await db.$queryRaw<{ column_default: string; is_nullable: string }[]>`
      SELECT column_default, is_nullable FROM information_schema.columns
      WHERE table_name = 'Connector' AND column_name = 'usages'`;
    expect(col).toEqual({ column_default: "'[]'::jsonb", is_nullable: "NO" });
  });
});

describe("a connector's uses (API)", () => {
  it("JSON create, then the YAML document keeps them beside the Harness fields, and a YAML PUT changes them", async () => {
    const id = `use_api_${suffix}`;
    const res = await post(input(id, { conduit: { usages: [...USAGES] } }));
    expect(res.status).toBe(201);
    const dto = (await res.json()) as ConnectorDto;
    expect(dto.connector.conduit.usages).toEqual(USAGES);

    const yamlRes = await getYaml(id);
    expect(yamlRes.status).toBe(200);
    const text = await yamlRes.text();
    const doc = parse(text) as { connector: Record<string, unknown> };
    expect(Object.keys(doc.connector).slice(-3)).toEqual(["type", "spec", "conduit"]);
    expect(doc.connector.conduit).toEqual({ usages: USAGES });
    expect(text).toContain(
      [
        "  conduit:",
        "    usages:",
        "      - id: ecr-pull",
        "        resources:",
        "          repository:",
        "            - team/web",
      ].join("\n"),
    );

    const edited = text.replace("            - team/web", "            - team/web\n            - team/api");
    const putRes = await put(id, edited, dto.version, true);
    expect(putRes.status).toBe(200);
    const after = (await putRes.json()) as ConnectorDto;
    expect(after.connector.conduit.usages[0]).toEqual({
      id: "ecr-pull",
      resources: { repository: ["team/web", "team/api"] },
    });
    expect(after.connector.conduit.usages.slice(1)).toEqual(USAGES.slice(1));
  });

  it("YAML create with uses", async () => {
    const id = `use_yaml_${suffix}`;
    const text = connectorToYaml(
      input(id, { conduit: { usages: [{ id: "s3-write", resources: { bucket: ["b-1"] } }] } }),
    );
    const res = await post(text, true);
    expect(res.status).toBe(201);
    expect(((await res.json()) as ConnectorDto).connector.conduit.usages).toEqual([
      { id: "s3-write", resources: { bucket: ["b-1"] } },
    ]);
  });

  it.each([
    ["an unknown use", [{ id: "ecr-teleport" }], "conduit.usages.0.id"],
    ["a use chosen twice", [{ id: "ecr-pull" }, { id: "ecr-pull" }], "conduit.usages.1.id"],
    [
      "a bucket name S3 refuses",
      [{ id: "s3-read", resources: { bucket: ["Bad_Bucket"] } }],
      "conduit.usages.0.resources.bucket.0",
    ],
    [
      "a resource kind the use does not take",
      [{ id: "s3-read", resources: { cluster: ["prod"] } }],
      "conduit.usages.0.resources.cluster",
    ],
    ["an unknown resource kind", [{ id: "s3-read", resources: { table: ["t"] } }], "conduit.usages.0.resources.table"],
    [
      "the same name twice",
      [{ id: "eks-deploy", resources: { cluster: ["a", "a"] } }],
      "conduit.usages.0.resources.cluster",
    ],
    ["a use with an unknown key", [{ id: "eks-deploy", region: "us-east-1" }], "conduit.usages.0.region"],
  ])("%s is a 422 on its field", async (_what, usages, field) => {
    const res = await post(input(`use_bad_${suffix}`, { conduit: { usages } } as unknown as Partial<ConnectorInput>));
    expect(Object.keys(await fieldErrors(res))).toContain(field);
  });

  it("an unknown key under conduit is refused too", async () => {
    const res = await post({ ...input(`use_bad2_${suffix}`), conduit: { usages: [], owner: "me" } });
    expect(Object.keys(await fieldErrors(res))).toContain("conduit.owner");
  });
});

describe("the YAML extension (pure)", () => {
  const base = connectorInputSchema.parse(input("Yaml_Only"));

  it("leaves `conduit:` out when there are no uses, so the document stays Harness's", () => {
    expect(connectorToYaml(base)).not.toContain("conduit");
    expect(connectorToYaml({ ...base, conduit: { usages: [] } })).not.toContain("conduit");
  });

  it("round-trips the uses, resources in the catalogue's order", () => {
    const withUses = connectorInputSchema.parse({
      ...base,
      conduit: {
        usages: [{ id: "serverless-lambda", resources: { function: ["orders-prod-api"] } }, { id: "s3-read" }],
      },
    });
    const text = connectorToYaml(withUses);
    expect(parseConnectorYaml(text)).toEqual({ ok: true, value: withUses });
  });

  it.each([
    ["conduit: null", "  conduit:\n"],
    ["usages: null", "  conduit:\n    usages:\n"],
  ])("%s reads as no uses", (_what, tail) => {
    const r = parseConnectorYaml(`${connectorToYaml(base)}${tail}`);
    expect(r.ok && (r.value.conduit?.usages ?? [])).toEqual([]);
  });

  it("an unknown use names its line", () => {
    const text = `${connectorToYaml(base)}  conduit:\n    usages:\n      - id: ecr-pull\n      - id: nope\n`;
    const r = parseConnectorYaml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.path).toBe("connector.conduit.usages.1.id");
      expect(text.split("\n")[r.line - 1]).toContain("id: nope");
    }
  });
});

describe("the periodic check setting", () => {
  const base = connectorInputSchema.parse(input("Yaml_Check"));

  it("round-trips in the YAML beside the uses, and is left out when the connector has none", () => {
    const withCheck = connectorInputSchema.parse({
      ...base,
      conduit: { usages: [], periodicCheck: { enabled: false, intervalMinutes: 30 } },
    });
    const text = connectorToYaml(withCheck);
    expect(text).toContain("  conduit:\n    periodicCheck:\n      enabled: false\n      intervalMinutes: 30\n");
    expect(parseConnectorYaml(text)).toEqual({ ok: true, value: withCheck });
    expect(connectorToYaml(base)).not.toContain("periodicCheck");
  });

  it("refuses an interval outside 1 to 1440 minutes, naming the field", () => {
    for (const intervalMinutes of [0, 1441, 2.5]) {
      const r = connectorInputSchema.safeParse({
        ...base,
        conduit: { usages: [], periodicCheck: { intervalMinutes } },
      });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path.join(".")).toBe("conduit.periodicCheck.intervalMinutes");
    }
  });

  it("is stored as the minutes (none for the console's default) and on or off, the next check due after them", async () => {
    const id = `check_svc_${suffix}`;
    const created = await createConnector({
      scope,
      input: input(id, { conduit: { usages: [], periodicCheck: { enabled: true, intervalMinutes: 30 } } }),
      by,
    });
    expect(created.connector.conduit.periodicCheck).toEqual({ enabled: true, intervalMinutes: 30 });
    const row = await db.connector.findFirstOrThrow({ where: { identifier: id } });
    expect(row.checkIntervalMinutes).toBe(30);
    expect(row.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    const off = await updateConnector({
      scope,
      identifier: id,
      input: input(id, { conduit: { usages: [], periodicCheck: { enabled: false, intervalMinutes: 30 } } }),
      version: created.version,
      by,
    });
    expect(off).toMatchObject({ nextCheckAt: null, health: null });
    expect(off.connector.conduit.periodicCheck).toEqual({ enabled: false, intervalMinutes: 30 });
    expect(await db.connector.findFirstOrThrow({ where: { identifier: id } })).toMatchObject({
      checkIntervalMinutes: 30,
      checkEnabled: false,
    });
    const reset = await updateConnector({ scope, identifier: id, input: input(id), version: off.version, by });
    expect(reset.connector.conduit).toEqual({ usages: [] });
    expect((await db.connector.findFirstOrThrow({ where: { identifier: id } })).checkIntervalMinutes).toBeNull();
  });
});
