import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BackoffStrategy } from "@/lib/aws/backoff";
import { deriveIdentifier, identifierSchema } from "@/lib/common/schemas";
import {
  BACKOFF_STRATEGY_INFO,
  BACKOFF_STRATEGY_TYPES,
  CREDENTIAL_TYPES,
  CREDENTIAL_TYPE_INFO,
  connectorInputSchema,
  connectorSecretRefs,
  connectorUpdateSchema,
  secretRefSchema,
  type BackoffOverride,
} from "./schemas";
import { defaultConnectorInput } from "./defaults";

const ROLE = "arn:aws:iam::123456789012:role/deployer";
const GOV_ROLE = "arn:aws-us-gov:iam::123456789012:role/deployer";
const KEY = "AKIAIOSFODNN7EXAMPLE";

type Obj = Record<string, unknown>;
function connector(credential: Obj, spec: Obj = {}, top: Obj = {}): Obj {
  return { name: "Prod AWS", identifier: "Prod_AWS", ...top, spec: { credential, ...spec } };
}
const manual = (spec: Obj, extra: Obj = {}) => connector({ type: "ManualConfig", spec, ...extra });
const oidc = (spec: Obj, extra: Obj = {}) => connector({ type: "OidcAuthentication", spec, ...extra });

/** Issues as "dotted.path: message" for compact assertions. */
function issues(
  input: unknown,
  schema: typeof connectorInputSchema | typeof connectorUpdateSchema = connectorInputSchema,
) {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}
const ok = (input: unknown) => expect(issues(input)).toEqual([]);
const failsAt = (input: unknown, path: string) => expect(issues(input).map((i) => i.split(":")[0])).toContain(path);

describe("credential types", () => {
  it("ManualConfig: plain key or key reference, secret key required, session token optional", () => {
    ok(manual({ accessKey: KEY, secretKeyRef: "aws_secret" }));
    ok(manual({ accessKeyRef: "org.aws_key", secretKeyRef: "account.aws_secret", sessionTokenRef: "tok" }));
    failsAt(manual({ accessKey: KEY }), "spec.credential.spec.secretKeyRef");
    expect(issues(manual({ accessKey: KEY }))).toEqual([
      "spec.credential.spec.secretKeyRef: Choose the secret that holds the secret access key",
    ]);
    expect(issues(manual({ secretKeyRef: "s" }))).toEqual([
      "spec.credential.spec.accessKey: Enter the access key ID or choose a secret that holds it",
    ]);
    expect(issues(manual({ accessKey: KEY, accessKeyRef: "k", secretKeyRef: "s" }))).toEqual([
      "spec.credential.spec.accessKeyRef: Give the access key ID as text or as a secret, not both",
    ]);
    failsAt(manual({ accessKey: "short", secretKeyRef: "s" }), "spec.credential.spec.accessKey");
    failsAt(manual({ accessKey: KEY, secretKeyRef: "project.s" }), "spec.credential.spec.secretKeyRef");
    failsAt(manual({ accessKey: "ASIAIOSFODNN7EXAMPLE", secretKeyRef: "s" }), "spec.credential.spec.sessionTokenRef");
    ok(manual({ accessKey: "ASIAIOSFODNN7EXAMPLE", secretKeyRef: "s", sessionTokenRef: "t" }));
  });

  it.each(["InheritFromDelegate", "Irsa"])("%s: no spec (absent or null), defaults applied", (type) => {
    const parsed = connectorInputSchema.parse(connector({ type }));
    expect(parsed).toEqual({
      name: "Prod AWS",
      identifier: "Prod_AWS",
      description: "",
      tags: {},
      spec: { credential: { type, spec: null, region: "us-east-1" }, delegateSelectors: [], executeOnDelegate: true },
    });
    ok(connector({ type, spec: null, region: "eu-west-1" }));
    failsAt(connector({ type, spec: {} }), "spec.credential.spec");
  });

  it("OidcAuthentication: role ARN required, session tag keys from the list", () => {
    ok(oidc({ iamRoleArn: ROLE, oidcSessionTagKeys: ["account_id", "connector_name", "context"] }));
    failsAt(oidc({}), "spec.credential.spec.iamRoleArn");
    failsAt(oidc({ iamRoleArn: "arn:aws:iam::123456789012:user/bob" }), "spec.credential.spec.iamRoleArn");
    failsAt(
      oidc({ iamRoleArn: ROLE, oidcSessionTagKeys: ["pipeline_id"] }),
      "spec.credential.spec.oidcSessionTagKeys.0",
    );
    failsAt(
      oidc({ iamRoleArn: ROLE, oidcSessionTagKeys: ["context", "context"] }),
      "spec.credential.spec.oidcSessionTagKeys",
    );
  });

  it("rejects an unknown credential type at the type field", () => {
    failsAt(connector({ type: "CredentialBroker" }), "spec.credential.type");
  });

  it("offers a label and a one-sentence description per type", () => {
    for (const t of CREDENTIAL_TYPES)
      expect(CREDENTIAL_TYPE_INFO[t].description).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
    for (const t of BACKOFF_STRATEGY_TYPES) expect(BACKOFF_STRATEGY_INFO[t].description).toMatch(/\.$/);
  });
});

describe("partitions", () => {
  const cross = (arn: string, region: string) =>
    connector({ type: "InheritFromDelegate", region, crossAccountAccess: { crossAccountRoleArn: arn } });

  it("rejects a commercial role with a GovCloud test region, at the role field", () => {
    expect(issues(cross(ROLE, "us-gov-west-1"))).toEqual([
      "spec.credential.crossAccountAccess.crossAccountRoleArn: This role is in the aws partition but the test region " +
        "us-gov-west-1 is in aws-us-gov; use an arn:aws-us-gov: role or a commercial test region",
    ]);
    expect(issues(oidc({ iamRoleArn: ROLE }, { region: "us-gov-east-1" }))[0]).toMatch(
      /^spec\.credential\.spec\.iamRoleArn: This role is in the aws partition/,
    );
  });

  it("accepts a GovCloud role with a GovCloud region, and says which way to fix the reverse", () => {
    ok(cross(GOV_ROLE, "us-gov-west-1"));
    ok(
      oidc(
        { iamRoleArn: GOV_ROLE },
        { region: "us-gov-east-1", crossAccountAccess: { crossAccountRoleArn: GOV_ROLE } },
      ),
    );
    expect(issues(cross(GOV_ROLE, "us-east-1"))[0]).toContain("use an arn:aws: role or a GovCloud test region");
    ok(cross("arn:aws-cn:iam::123456789012:role/x", "cn-north-1"));
    failsAt(
      cross("arn:aws-cn:iam::123456789012:role/x", "eu-west-1"),
      "spec.credential.crossAccountAccess.crossAccountRoleArn",
    );
  });

  it("defaults the region to us-east-1 and only accepts listed regions", () => {
    failsAt(connector({ type: "Irsa", region: "mars-north-1" }), "spec.credential.region");
  });
});

describe("cross-account access bounds", () => {
  const withCross = (x: Obj) => connector({ type: "Irsa", crossAccountAccess: { crossAccountRoleArn: ROLE, ...x } });
  const path = (f: string) => `spec.credential.crossAccountAccess.${f}`;

  it("external ID: 2–1224 characters of [\\w+=,.@:/-]", () => {
    failsAt(withCross({ externalId: "a" }), path("externalId"));
    ok(withCross({ externalId: "ab" }));
    ok(withCross({ externalId: "x".repeat(1224) }));
    failsAt(withCross({ externalId: "x".repeat(1225) }), path("externalId"));
    ok(withCross({ externalId: "Tenant_1+=,.@:/-" }));
    failsAt(withCross({ externalId: "has space" }), path("externalId"));
    failsAt(withCross({ externalId: "hash#" }), path("externalId"));
  });

  it("session duration: 900–43200 whole seconds", () => {
    failsAt(withCross({ assumeRoleSessionDuration: 899 }), path("assumeRoleSessionDuration"));
    ok(withCross({ assumeRoleSessionDuration: 900 }));
    ok(withCross({ assumeRoleSessionDuration: 43200 }));
    failsAt(withCross({ assumeRoleSessionDuration: 43201 }), path("assumeRoleSessionDuration"));
    failsAt(withCross({ assumeRoleSessionDuration: 1000.5 }), path("assumeRoleSessionDuration"));
  });

  it("requires the role ARN when present", () => {
    failsAt(connector({ type: "Irsa", crossAccountAccess: {} }), path("crossAccountRoleArn"));
  });
});

describe("backoff override", () => {
  const withBackoff = (o: unknown) => connector({ type: "Irsa" }, { awsSdkClientBackOffStrategyOverride: o });
  const at = (f: string) => `spec.awsSdkClientBackOffStrategyOverride.spec.${f}`;
  const fixed = (spec: Obj) => withBackoff({ type: "FixedDelayBackoffStrategy", spec });
  const jitter = (spec: Obj, type = "EqualJitterBackoffStrategy") => withBackoff({ type, spec });

  it("accepts each strategy within bounds", () => {
    ok(fixed({ fixedBackoff: 0, retryCount: 0 }));
    ok(fixed({ fixedBackoff: 600_000, retryCount: 30 }));
    ok(jitter({ baseDelay: 100, maxBackoffTime: 100, retryCount: 3 }));
    ok(jitter({ baseDelay: 100, maxBackoffTime: 20_000, retryCount: 3 }, "FullJitterBackoffStrategy"));
  });

  it("rejects out-of-range, fractional and inconsistent values at the field", () => {
    failsAt(fixed({ fixedBackoff: 600_001, retryCount: 1 }), at("fixedBackoff"));
    failsAt(fixed({ fixedBackoff: -1, retryCount: 1 }), at("fixedBackoff"));
    failsAt(fixed({ fixedBackoff: 1.5, retryCount: 1 }), at("fixedBackoff"));
    failsAt(fixed({ fixedBackoff: 10, retryCount: 31 }), at("retryCount"));
    failsAt(fixed({ fixedBackoff: 10 }), at("retryCount"));
    expect(issues(jitter({ baseDelay: 500, maxBackoffTime: 100, retryCount: 1 }))).toEqual([
      `${at("baseDelay")}: The base delay cannot be longer than the max backoff time`,
    ]);
    failsAt(jitter({ baseDelay: 1, maxBackoffTime: 700_000, retryCount: 1 }), at("maxBackoffTime"));
    failsAt(fixed({ fixedBackoff: 1, retryCount: 1, baseDelay: 1 }), "spec.awsSdkClientBackOffStrategyOverride.spec");
    failsAt(withBackoff({ type: "Exponential", spec: {} }), "spec.awsSdkClientBackOffStrategyOverride.type");
  });

  it("parses to a shape the backoff helpers take", () => {
    const parsed: BackoffOverride = { type: "FixedDelayBackoffStrategy", spec: { fixedBackoff: 1, retryCount: 1 } };
    const asStrategy: BackoffStrategy = parsed; // compile-time: the schema's type fits lib/aws/backoff
    expect(asStrategy.type).toBe("FixedDelayBackoffStrategy");
  });
});

describe("strictness and scope", () => {
  it.each([
    ["top level", { ...manual({ accessKey: KEY, secretKeyRef: "s" }), color: "red" }, ""],
    ["spec", connector({ type: "Irsa" }, { proxy: true }), "spec"],
    ["credential", connector({ type: "Irsa", extra: 1 }), "spec.credential"],
    ["credential spec", manual({ accessKey: KEY, secretKeyRef: "s", secretKey: "plain!" }), "spec.credential.spec"],
    [
      "cross-account",
      connector({ type: "Irsa", crossAccountAccess: { crossAccountRoleArn: ROLE, roleArn: ROLE } }),
      "spec.credential.crossAccountAccess",
    ],
  ])("rejects unknown fields (%s)", (_, input, path) => {
    const r = connectorInputSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.some((i) => i.code === "unrecognized_keys" && i.path.join(".") === path)).toBe(true);
  });

  it("accepts type Aws (Harness bodies carry it) and refuses any other type", () => {
    ok(connector({ type: "Irsa" }, {}, { type: "Aws" }));
    failsAt(connector({ type: "Irsa" }, {}, { type: "Gcp" }), "type");
  });

  it("needs the organization of a project-scoped connector", () => {
    ok(connector({ type: "Irsa" }, {}, { orgIdentifier: "default", projectIdentifier: "web" }));
    failsAt(connector({ type: "Irsa" }, {}, { projectIdentifier: "web" }), "orgIdentifier");
  });

  it("keeps delegate selectors unique", () => {
    ok(connector({ type: "Irsa" }, { delegateSelectors: ["eks", "prod"] }));
    failsAt(connector({ type: "Irsa" }, { delegateSelectors: ["eks", " eks "] }), "spec.delegateSelectors");
    failsAt(connector({ type: "Irsa" }, { delegateSelectors: [""] }), "spec.delegateSelectors.0");
  });

  it("requires the identifier on create; update adds an optional version", () => {
    const body = connector({ type: "Irsa" });
    failsAt({ ...body, identifier: undefined }, "identifier");
    failsAt({ ...body, version: 3 }, "");
    expect(issues({ ...body, version: 3 }, connectorUpdateSchema)).toEqual([]);
    expect(issues(body, connectorUpdateSchema)).toEqual([]);
    expect(issues({ ...body, version: 0 }, connectorUpdateSchema)[0]).toMatch(/^version:/);
  });
});

describe("secret references", () => {
  it.each(["account.aws_secret", "org.key$1", "_local", "account"])("%s", (ref) => {
    expect(secretRefSchema.safeParse(ref).success).toBe(true);
  });

  it.each(["", "project.x", "account.", "a.b.c", "1abc", "org.1x", "account.has-dash", "x".repeat(129)])(
    "rejects %j",
    (ref) => {
      expect(secretRefSchema.safeParse(ref).success).toBe(false);
    },
  );

  it("lists every secret reference of a connector", () => {
    const c = connectorInputSchema.parse(
      manual({ accessKeyRef: "org.k", secretKeyRef: "account.s", sessionTokenRef: "t" }),
    );
    expect(connectorSecretRefs(c)).toEqual([
      { field: "spec.credential.spec.accessKeyRef", ref: "org.k" },
      { field: "spec.credential.spec.secretKeyRef", ref: "account.s" },
      { field: "spec.credential.spec.sessionTokenRef", ref: "t" },
    ]);
    expect(connectorSecretRefs(connectorInputSchema.parse(manual({ accessKey: KEY, secretKeyRef: "s" })))).toEqual([
      { field: "spec.credential.spec.secretKeyRef", ref: "s" },
    ]);
    expect(connectorSecretRefs(connectorInputSchema.parse(oidc({ iamRoleArn: ROLE })))).toEqual([]);
  });
});

describe("identifiers and form defaults", () => {
  it("derives a valid identifier from the name", () => {
    expect(deriveIdentifier("My AWS (prod)")).toBe("My_AWS_prod");
    ok(connector({ type: "Irsa" }, {}, { name: "Équipe 42 — AWS", identifier: deriveIdentifier("Équipe 42 — AWS") }));
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "grapheme" }), (name) => {
        const id = deriveIdentifier(name);
        return id === "" || identifierSchema.safeParse(id).success;
      }),
    );
  });

  it("starts a new form that only lacks what the user must type", () => {
    const paths = issues(defaultConnectorInput()).map((i) => i.split(":")[0]);
    expect([...new Set(paths)].sort()).toEqual([
      "identifier",
      "name",
      "spec.credential.spec.accessKey",
      "spec.credential.spec.secretKeyRef",
    ]);
    const filled = defaultConnectorInput();
    filled.name = "Prod";
    filled.identifier = "Prod";
    filled.spec.credential = { type: "ManualConfig", spec: { accessKey: KEY, secretKeyRef: "s" }, region: "us-east-1" };
    ok(filled);
  });
});
