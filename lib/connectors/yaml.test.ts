import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REGION_CODES, partitionOf } from "@/lib/aws/partitions";
import { isCleanText } from "@/lib/common/text";
import { connectorInputSchema, connectorUpdateSchema, type ConnectorInput } from "./schemas";
import { connectorToYaml, parseConnectorYaml, yamlToConnectorInput } from "./yaml";

const sample = connectorInputSchema.parse({
  name: "Prod AWS",
  identifier: "Prod_AWS",
  description: "Deploys to prod",
  orgIdentifier: "default",
  projectIdentifier: "web",
  tags: { team: "platform", enabled: "yes" },
  spec: {
    credential: {
      crossAccountAccess: {
        externalId: "ext-1",
        crossAccountRoleArn: "arn:aws-us-gov:iam::123456789012:role/deployer",
      },
      spec: { secretKeyRef: "account.aws_secret", accessKey: "AKIAIOSFODNN7EXAMPLE" },
      type: "ManualConfig",
      region: "us-gov-west-1",
    },
    executeOnDelegate: false,
    delegateSelectors: ["eks"],
    awsSdkClientBackOffStrategyOverride: {
      type: "FixedDelayBackoffStrategy",
      spec: { retryCount: 3, fixedBackoff: 200 },
    },
  },
});

const SAMPLE_YAML = `connector:
  name: Prod AWS
  identifier: Prod_AWS
  description: Deploys to prod
  orgIdentifier: default
  projectIdentifier: web
  tags:
    team: platform
    enabled: "yes"
  type: Aws
  spec:
    credential:
      type: ManualConfig
      spec:
        accessKey: AKIAIOSFODNN7EXAMPLE
        secretKeyRef: account.aws_secret
      region: us-gov-west-1
      crossAccountAccess:
        crossAccountRoleArn: arn:aws-us-gov:iam::123456789012:role/deployer
        externalId: ext-1
    awsSdkClientBackOffStrategyOverride:
      type: FixedDelayBackoffStrategy
      spec:
        fixedBackoff: 200
        retryCount: 3
    delegateSelectors:
      - eks
    executeOnDelegate: false
`;

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("connectorToYaml", () => {
  it("writes Harness's document shape and key order", () => {
    expect(connectorToYaml(sample)).toBe(SAMPLE_YAML);
  });

  it("leaves out scope, spec and optional blocks that are absent", () => {
    const y = connectorToYaml(
      connectorInputSchema.parse({ name: "a", identifier: "a", spec: { credential: { type: "Irsa" } } }),
    );
    expect(y).toBe(`connector:
  name: a
  identifier: a
  description: ""
  tags: {}
  type: Aws
  spec:
    credential:
      type: Irsa
      region: us-east-1
    delegateSelectors: []
    executeOnDelegate: true
`);
  });
});

describe("yamlToConnectorInput", () => {
  it("reads Harness exports with nulls and empty scope", () => {
    const doc = parse(`connector:
  name: a
  identifier: a
  description:
  orgIdentifier: ""
  projectIdentifier: ""
  type: Aws
  spec:
    credential:
      crossAccountAccess: null
      type: InheritFromDelegate
      spec: null
      region: eu-west-1
    awsSdkClientBackOffStrategyOverride: null
    delegateSelectors:
      - d1
    executeOnDelegate: true
`);
    expect(connectorInputSchema.parse(yamlToConnectorInput(doc))).toEqual({
      name: "a",
      identifier: "a",
      description: "",
      tags: {},
      spec: {
        credential: { type: "InheritFromDelegate", spec: null, region: "eu-west-1" },
        delegateSelectors: ["d1"],
        executeOnDelegate: true,
      },
    });
  });

  it("hands other connector types and non-documents to the schema to refuse", () => {
    const gcp = { connector: { name: "a", identifier: "a", type: "Gcp", spec: { credential: { type: "Irsa" } } } };
    expect(connectorInputSchema.safeParse(yamlToConnectorInput(gcp)).error?.issues[0]?.path).toEqual(["type"]);
    const untyped = { connector: { name: "a", identifier: "a", spec: { credential: { type: "Irsa" } } } };
    expect(connectorInputSchema.safeParse(yamlToConnectorInput(untyped)).success).toBe(false);
    for (const doc of [null, "text", [1], { connectr: {} }]) {
      expect(connectorInputSchema.safeParse(yamlToConnectorInput(doc)).success).toBe(false);
    }
  });
});

// ── Round trip ────────────────────────────────────────────────────────────────────────────
const id = fc.stringMatching(/^[a-zA-Z_][0-9a-zA-Z_$]{0,30}$/);
// Text the shared schemas accept: no control characters, no lone surrogates (lib/common/text.ts).
const text = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ maxLength }),
      fc.string({ maxLength, unit: "binary" }),
      fc.string({ maxLength, unit: "binary-ascii" }),
      fc.constantFrom(
        "yes",
        "no",
        "on",
        "off",
        "null",
        "~",
        "true",
        "123",
        "0o17",
        "0x1F",
        "1e3",
        "- x",
        "a: b",
        "#c",
        "'q'",
        '"q"',
        " pad ",
        "\ttab",
        "multi\nline\n",
      ),
    )
    .filter(isCleanText);
const tagKey = fc
  .oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom("on", "yes", "1", "<<", "?", "-", "null"))
  .filter((k) => /^[^\s]+$/.test(k) && k !== "__proto__" && isCleanText(k));
const secretRef = fc.tuple(fc.constantFrom("", "account.", "org."), id).map(([p, i]) => p + i);
const roleArn = (region: string) =>
  fc
    .tuple(
      fc.stringMatching(/^\d{12}$/),
      fc.array(fc.stringMatching(/^[\w+=,.@-]{1,10}$/), { maxLength: 3 }),
      fc.stringMatching(/^[\w+=,.@-]{1,64}$/),
    )
    .map(
      ([acct, path, name]) =>
        `arn:${partitionOf(region)}:iam::${acct}:role/${path.map((p) => `${p}/`).join("")}${name}`,
    );

const credential = fc.constantFrom(...REGION_CODES).chain((region) => {
  const cross = fc.option(
    fc.record(
      {
        crossAccountRoleArn: roleArn(region),
        externalId: fc.stringMatching(/^[\w+=,.@:/-]{2,40}$/),
        assumeRoleSessionDuration: fc.integer({ min: 900, max: 43200 }),
      },
      { requiredKeys: ["crossAccountRoleArn"] },
    ),
    { nil: undefined },
  );
  const manualSpec = fc
    .record({
      key: fc.oneof(
        fc.stringMatching(/^AKIA[A-Z0-9]{16}$/).map((accessKey) => ({ accessKey })),
        secretRef.map((accessKeyRef) => ({ accessKeyRef })),
      ),
      secretKeyRef: secretRef,
      sessionTokenRef: fc.option(secretRef, { nil: undefined }),
    })
    .map(({ key, ...rest }) => ({ ...key, ...rest }));
  const oidcSpec = fc.record(
    {
      iamRoleArn: roleArn(region),
      oidcSessionTagKeys: fc.uniqueArray(
        fc.constantFrom("account_id", "organization_id", "project_id", "connector_id", "connector_name", "context"),
      ),
    },
    { requiredKeys: ["iamRoleArn"] },
  );
  const typed = fc.oneof(
    manualSpec.map((spec) => ({ type: "ManualConfig", spec })),
    fc.constantFrom({ type: "InheritFromDelegate" }, { type: "Irsa" }),
    oidcSpec.map((spec) => ({ type: "OidcAuthentication", spec })),
  );
  return fc.tuple(typed, cross).map(([t, crossAccountAccess]) => ({ ...t, region, crossAccountAccess }));
});

const ms = fc.integer({ min: 0, max: 600_000 });
const retries = fc.integer({ min: 0, max: 30 });
const backoff = fc.option(
  fc.oneof(
    fc.record({ fixedBackoff: ms, retryCount: retries }).map((spec) => ({ type: "FixedDelayBackoffStrategy", spec })),
    fc
      .tuple(fc.constantFrom("EqualJitterBackoffStrategy", "FullJitterBackoffStrategy"), ms, ms, retries)
      .map(([type, a, b, retryCount]) => ({
        type,
        spec: { baseDelay: Math.min(a, b), maxBackoffTime: Math.max(a, b), retryCount },
      })),
  ),
  { nil: undefined },
);

const validConnector: fc.Arbitrary<ConnectorInput> = fc
  .record({
    name: text(60)
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    identifier: id,
    description: text(200),
    tags: fc.dictionary(tagKey, text(30), { maxKeys: 5 }),
    scope: fc.constantFrom({}, { orgIdentifier: "default" }, { orgIdentifier: "default", projectIdentifier: "web" }),
    spec: fc.record({
      credential,
      awsSdkClientBackOffStrategyOverride: backoff,
      delegateSelectors: fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { maxLength: 4 }),
      executeOnDelegate: fc.boolean(),
    }),
  })
  .map(({ scope, ...raw }) => {
    // JSON round trip drops the undefined optionals exactly like a client would.
    const body: unknown = JSON.parse(JSON.stringify({ ...raw, ...scope }));
    return connectorInputSchema.parse(body);
  });

describe("round trip", () => {
  it("schema.parse(yamlToConnectorInput(parse(connectorToYaml(x)))) equals x", () => {
    fc.assert(
      fc.property(validConnector, (x) => {
        const back = connectorInputSchema.parse(yamlToConnectorInput(parse(connectorToYaml(x))));
        expect(back).toEqual(x);
      }),
      { numRuns: 400 },
    );
  });

  it("parseConnectorYaml accepts what connectorToYaml writes", () => {
    fc.assert(
      fc.property(validConnector, (x) => {
        expect(parseConnectorYaml(connectorToYaml(x))).toEqual({ ok: true, value: x });
      }),
      { numRuns: 100 },
    );
  });
});

// ── Error positions ───────────────────────────────────────────────────────────────────────
describe("parseConnectorYaml errors", () => {
  const fail = (text: string) => {
    const r = parseConnectorYaml(text);
    if (r.ok) throw new Error("expected a failure");
    return r;
  };

  it("reports a bad role ARN on its own line", () => {
    const bad = SAMPLE_YAML.replace("role/deployer", "user/deployer");
    const r = fail(bad);
    expect(r.line).toBe(lineOf(bad, "crossAccountRoleArn:"));
    expect(r.column).toBe(9);
    expect(r.path).toBe("connector.spec.credential.crossAccountAccess.crossAccountRoleArn");
  });

  it("reports a partition mismatch at the role's line", () => {
    const bad = SAMPLE_YAML.replace("arn:aws-us-gov:iam", "arn:aws:iam");
    const r = fail(bad);
    expect(r.line).toBe(lineOf(bad, "crossAccountRoleArn:"));
    expect(r.message).toContain("test region us-gov-west-1 is in aws-us-gov");
  });

  it("points at other offending keys, list items and unknown keys", () => {
    const region = SAMPLE_YAML.replace("region: us-gov-west-1", "region: moon-1");
    expect(fail(region).line).toBe(lineOf(region, "region: moon-1"));
    const backoffBad = SAMPLE_YAML.replace("fixedBackoff: 200", "fixedBackoff: -5");
    expect(fail(backoffBad).line).toBe(lineOf(backoffBad, "fixedBackoff:"));
    const item = SAMPLE_YAML.replace("      - eks\n", '      - eks\n      - ""\n');
    expect(fail(item)).toMatchObject({ line: lineOf(item, '- ""'), path: "connector.spec.delegateSelectors.1" });
    const unknown = SAMPLE_YAML.replace(
      "        externalId: ext-1\n",
      "        externalId: ext-1\n        sessionName: x\n",
    );
    expect(fail(unknown)).toMatchObject({
      line: lineOf(unknown, "sessionName:"),
      message: expect.stringContaining("sessionName"),
    });
    const gcp = SAMPLE_YAML.replace("type: Aws", "type: Gcp");
    expect(fail(gcp).line).toBe(lineOf(gcp, "type: Gcp"));
    const outside = `${SAMPLE_YAML}extra: 1\n`;
    expect(fail(outside).line).toBe(lineOf(outside, "extra: 1"));
  });

  it("falls back to the parent key for a missing field", () => {
    const missing = SAMPLE_YAML.replace("        secretKeyRef: account.aws_secret\n", "");
    const r = fail(missing);
    expect(r.path).toBe("connector.spec.credential.spec.secretKeyRef");
    expect(r.line).toBe(lineOf(missing, "      spec:"));
  });

  it("reports YAML syntax errors and non-documents", () => {
    expect(fail("connector:\n  name: a\n  name: b\n")).toMatchObject({ line: 3 });
    expect(fail("connector:\n  name: [a\n  identifier: b\n").ok).toBe(false);
    expect(fail("just text")).toMatchObject({ line: 1, column: 1 });
    expect(fail("")).toMatchObject({ line: 1 });
  });

  it("validates with the update schema when asked", () => {
    const withVersion = SAMPLE_YAML.replace("  type: Aws\n", "  type: Aws\n  version: 2\n");
    expect(parseConnectorYaml(withVersion).ok).toBe(false);
    expect(parseConnectorYaml(withVersion, connectorUpdateSchema)).toMatchObject({ ok: true, value: { version: 2 } });
  });
});
