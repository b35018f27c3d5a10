// The fuzz spec (issue 14): every route under app/api (walked from the folder, as
// lib/api/routes-access.test.ts does), every method including ones no route has and ones Next
// does not know, with real identifiers made in the setup and fuzzed ones; generated JSON and YAML
// bodies (arbitrary values, keys named like Object's members, lone surrogates, NUL, numbers past
// int4, mutations of a valid body), query strings, headers, versions and malformed paths. Whatever
// comes in:
// - no 5xx;
// - every 4xx is application/problem+json with a `code` (a 405 with `Allow`, the route's own);
// - a refused request changes no row of the main tables (counts, max(updatedAt), sum(version));
//   an accepted one may (a create, an update, a test's result, the OIDC key the first JWKS read makes);
// - no answer holds the secret value the setup stored.
// Inputs come from fast-check with a fixed seed (FUZZ_SEED overrides it; a failure prints it).
// The requests go through an admin API client of their own that the secret-leak recorder does not
// see (fuzzed secret values would be "leaked" by every answer that echoes a field name); the
// setup secret's value is checked here instead. Row snapshots use one PostgreSQL connection for
// the whole run (a connection per snapshot would cost more than the requests).
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import pg from "pg";
import YAML from "yaml";
import { E2E_ACCOUNT_ID } from "./fixtures/app-server";
import { ADMIN, adminApi, anonymousApi } from "./fixtures/auth";
import { aws } from "./fixtures/aws";
import { queryRows } from "./fixtures/db";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, test, type APIRequestContext, type APIResponse } from "./fixtures/test";

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
// Random rather than the time other specs use for their suffix: a spec that filters by its own
// suffix (the audit log in organizations.spec.ts) must never find this one's rows.
const S = `z${Math.random().toString(36).slice(2, 8)}`;
const ORG = `fz_org_${S}`;
const PROJECT = `fz_proj_${S}`;
const REAL = {
  connector: `fz_conn_${S}`,
  secret: `fz_secret_${S}`,
  environment: `fz_env_${S}`,
  infrastructure: `fz_infra_${S}`,
  agent: `fz_agent_${S}`,
  cluster: `fz_cluster_${S}`,
  serviceAccount: `fz_sa_${S}`,
};
const SECRET_VALUE = `fz-secret-${S}-${Math.random().toString(36).slice(2)}-never-in-an-answer`;
const kube = fakeKube.cluster();
const SCOPE = `org=${ORG}&project=${PROJECT}`;
/** What every real request carries: the scope, and what lookups and definitions need. */
const REAL_QUERY = `${SCOPE}&environment=${REAL.environment}&connectorRef=${REAL.connector}&region=us-east-1&cluster=${kube.name}`;

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
/** Methods no route has: Next knows neither (TRACE, PROPFIND), Node's parser not even the last. */
const FOREIGN_METHODS = ["TRACE", "PROPFIND", "FUZZ"];
const EMAIL = /[^\s"'@]+@[^\s"'@]+\.[^\s"'@]+/g;
const API_DIR = path.resolve("app", "api");

// ---- what is never sent ----------------------------------------------------------------------

/**
 * Requests this spec must not make, each with its reason:
 * - rotating the OIDC key is limited to 8 an hour per account, and e2e/security.spec.ts counts on
 *   having them (its other methods are fuzzed: they are 405);
 * - better-auth endpoints that end or change the admin's own sessions and account: sign-out is
 *   fuzzed below in a signed-in context of its own; the others would sign out (revoke-*),
 *   rename (update-user), delete or re-address the admin, whom every later spec needs.
 */
const NEVER: { method: string; path: RegExp; why: string }[] = [
  { method: "POST", path: /^\/api\/oidc\/keys\/rotate$/, why: "8 rotations per hour; security.spec.ts needs them" },
  {
    method: "*",
    path: /^\/api\/auth\/(sign-out|revoke-sessions?|revoke-other-sessions|update-user|delete-user|change-email|unlink-account|link-social)(\/|$)/,
    why: "would end or change the admin's own session or account",
  },
];
const excluded = (method: string, p: string) =>
  NEVER.some((n) => (n.method === "*" || n.method === method) && n.path.test(p));

/** better-auth paths worth reaching with real requests, by method (the rest of [...all] is fuzzed). */
const AUTH_PATHS: Record<string, string[]> = {
  GET: ["get-session", "list-sessions", "list-accounts", "ok", "error", "callback/sso", "reset-password/fz-token"],
  POST: ["sign-in/email", "sign-in/oauth2", "change-password", "reset-password", "request-password-reset"],
};

// ---- generated values ----------------------------------------------------------------------

/** A JSON value as text can hold it: duplicate keys, `__proto__` as a key, numbers past a double. */
class Obj {
  constructor(readonly entries: [string, Json][]) {}
}
class RawNumber {
  constructor(readonly text: string) {}
}
type Json = null | boolean | number | string | RawNumber | Json[] | Obj;

function toJson(j: Json): string {
  if (j instanceof RawNumber) return j.text;
  if (j instanceof Obj) return `{${j.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(",")}}`;
  if (Array.isArray(j)) return `[${j.map(toJson).join(",")}]`;
  if (typeof j === "number" && !Number.isFinite(j)) return "null";
  return JSON.stringify(j);
}

/** The value as a JS object for the YAML writer (every key its own property, `__proto__` too). */
function toPlain(j: Json): unknown {
  if (j instanceof RawNumber) return Number(j.text);
  if (Array.isArray(j)) return j.map(toPlain);
  if (j instanceof Obj) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of j.entries)
      Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return j;
}

function fromPlain(v: unknown): Json {
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v && typeof v === "object") return new Obj(Object.entries(v).map(([k, x]) => [k, fromPlain(x)]));
  return v as Json;
}

const OBJECT_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "prototype",
  "__defineGetter__",
];
const FIELD_KEYS = ["version", "identifier", "name", "description", "tags", "spec", "value", "type", "org", "project"];
const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\udbff\ud800",
  "\u0007",
  "\u007f",
  "\u0085",
  "\u202e",
  "\ufeff",
  "%",
  "%ZZ",
  "%00",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Connector"; --',
  "${jndi:ldap://x}",
  "<+input>",
  "<+input>.regex((a+)+b)",
  "<+input>.allowedValues(a,b)",
  "account.x",
  "org.",
  "🚀",
  "a".repeat(5000),
  "9".repeat(40),
  "2147483648",
  "null",
  "true",
  "-0",
  "\\",
  '"',
  "\n",
  "\r\n",
  "\t",
  "*",
  "arn:aws:iam::123456789012:role/x",
  "http://169.254.169.254/latest/meta-data",
  ...OBJECT_KEYS,
];
const NASTY_NUMBERS = [
  2 ** 31,
  2 ** 31 - 1,
  2 ** 32,
  -1,
  0,
  1.5,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
];
const RAW_NUMBERS = ["1e400", "-1e400", "99999999999999999999999999", "2147483648", "-0", "1E2", "0.0000001"];

const stringArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 100, maxLength: 300 }) },
);
const numberArb = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...RAW_NUMBERS).map((t) => new RawNumber(t)),
);
const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...OBJECT_KEYS, ...FIELD_KEYS) },
  { weight: 1, arbitrary: stringArb },
);
const { json: jsonArb, object: objectArb } = fc.letrec<{ json: Json; object: Obj }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    stringArb,
    numberArb,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("json"), { maxLength: 4 }),
    tie("object"),
  ),
  object: fc.array(fc.tuple(keyArb, tie("json")), { maxLength: 5 }).map((e) => new Obj(e)),
}));

// A valid body with one change: a field replaced by a generated value, a key added, or one dropped.
type PathTo = (string | number)[];
function paths(j: Json, at: PathTo = []): { leaves: PathTo[]; objects: PathTo[] } {
  const out = { leaves: [] as PathTo[], objects: [] as PathTo[] };
  if (j instanceof Obj) {
    out.objects.push(at);
    j.entries.forEach(([, v], i) => {
      out.leaves.push([...at, i]);
      const sub = paths(v, [...at, i]);
      out.leaves.push(...sub.leaves);
      out.objects.push(...sub.objects);
    });
  }
  return out;
}
/** Rebuilds `j` with the entry at `at` (indexes into Obj entries) replaced by what `edit` returns. */
function edit(j: Json, at: PathTo, change: (entries: [string, Json][], i: number) => [string, Json][]): Json {
  if (!(j instanceof Obj)) return j;
  const [head, ...rest] = at;
  if (head === undefined) return j;
  const i = Number(head);
  if (!rest.length) return new Obj(change(j.entries, i));
  return new Obj(j.entries.map(([k, v], n) => [k, n === i ? edit(v, rest, change) : v]));
}
function mutations(valid: Obj): fc.Arbitrary<Json> {
  const { leaves, objects } = paths(valid);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...leaves), jsonArb)
      .map(([p, v]) => edit(valid, p, (e, i) => e.map(([k, x], n) => [k, n === i ? v : x]))),
    fc
      .tuple(fc.constantFrom(...objects), keyArb, jsonArb)
      .map(([p, k, v]) =>
        p.length
          ? edit(valid, p, (e, i) =>
              e.map(([key, x], n) => [key, n === i && x instanceof Obj ? new Obj([...x.entries, [k, v]]) : x]),
            )
          : new Obj([...valid.entries, [k, v]]),
      ),
    fc.constantFrom(...leaves).map((p) => edit(valid, p, (e, i) => e.filter((_, n) => n !== i))),
  );
}

interface Body {
  type?: string;
  data: string | Buffer;
  kind: string;
}
const YAML_TYPES = ["application/yaml", "text/yaml", "application/x-yaml"];
const RAW_JSON = [
  "",
  "{",
  "nul",
  "\u0000",
  '{"a":1}garbage',
  "[]",
  "null",
  "1e400",
  "\ufeff{}",
  '"\\ud800"',
  '{"name":"\\u0000"}',
  '{"tags":{"k":"\\udc00"}}',
  '{"version":99999999999999999999}',
  "[".repeat(10_000) + "]".repeat(10_000),
  '{"a":'.repeat(3_000) + "1" + "}".repeat(3_000),
  `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}":${i}`).join(",")}}`,
];
const RAW_YAML = [
  "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\ne: [*c, *c, *c, *c, *c, *c, *c, *c]\n",
  "[".repeat(5_000) + "]".repeat(5_000),
  "- ".repeat(2_000) + "x",
  "__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n",
  "<<: {name: merged}\nname: x\n",
  "name: a\nname: b\n",
  "name: !!binary aGVsbG8=\n",
  "name: !!js/function 'function () {}'\n",
  "name: !custom x\n",
  "\tname: tab\n",
  "name: 'unterminated\n",
  "%YAML 1.1\n---\nname: x\n---\nname: y\n",
  "name: \u0000\n",
  'name: "\\ud800"\n',
  "? [a, b]\n: complex key\n",
  "version: 99999999999999999999\n",
  "~",
  "",
];
const OTHER_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/JSON",
  "application/xml",
  "*/*",
];

/** Bodies for a request: generated JSON or YAML, raw text that is barely either, other types, a mutated valid body. */
function bodyArb(valid?: Obj): fc.Arbitrary<Body> {
  const options: fc.WeightedArbitrary<Body>[] = [
    { weight: 3, arbitrary: jsonArb.map((j) => ({ type: "application/json", data: toJson(j), kind: "json" })) },
    {
      weight: 3,
      arbitrary: objectArb.map((j) => ({ type: "application/json", data: toJson(j), kind: "json object" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(objectArb, fc.constantFrom(...YAML_TYPES))
        .map(([j, type]) => ({ type, data: YAML.stringify(toPlain(j)), kind: "yaml" })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...RAW_JSON).map((data) => ({ type: "application/json", data, kind: "raw json" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...RAW_YAML), fc.constantFrom(...YAML_TYPES))
        .map(([data, type]) => ({ type, data, kind: "raw yaml" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...OTHER_TYPES, undefined), stringArb)
        .map(([type, data]) => ({ type, data, kind: "other type" })),
    },
  ];
  if (valid) {
    options.push({
      weight: 5,
      arbitrary: mutations(valid).map((j) => ({ type: "application/json", data: toJson(j), kind: "mutated json" })),
    });
    options.push({
      weight: 2,
      arbitrary: fc
        .tuple(mutations(valid), fc.constantFrom(...YAML_TYPES))
        .map(([j, type]) => ({ type, data: YAML.stringify(toPlain(j)), kind: "mutated yaml" })),
    });
  }
  return fc.oneof(...options);
}

const headersArb = fc.record(
  {
    "if-match": fc.constantFrom(
      '"2147483648"',
      '"99999999999999999999"',
      "4294967296",
      'W/"1"',
      '"0"',
      '"-1"',
      "*",
      '"1", "2"',
      '"\u00ff"',
      "x".repeat(300),
    ),
    accept: fc.constantFrom(
      "application/yaml",
      "text/yaml, */*",
      "*/*",
      "text/html",
      "application/json;q=0",
      "x/;;;",
      "",
    ),
    "x-request-id": fc.constantFrom("short", "a".repeat(100), "fuzz-request-0001", "../../etc", "{}"),
    "accept-language": fc.constantFrom("*", "zz", "a".repeat(200)),
  },
  { requiredKeys: [] },
);

/** Percent-encodes a path segment byte by byte (a lone surrogate goes as UTF-8's U+FFFD). */
const encodeSegment = (s: string) =>
  [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

const RAW_QUERIES = [
  "q=%00",
  "q=%ZZ",
  "q=%",
  "q=a%C0%AFb",
  "q=%ED%A0%80",
  "limit=99999999999",
  "limit=-1",
  "limit=1e3",
  "limit=abc",
  `cursor=${"x".repeat(65)}`,
  "cursor=00000000-0000-0000-0000-000000000000",
  "format=yaml",
  "format=xml",
  "org=",
  "project=x",
  "org=%00",
  `org=${"a".repeat(200)}`,
  "environment[]=a",
  "q=a&q=b",
  "%=%",
  "=&&=",
  "__proto__=x&constructor=y&toString=z",
  "type=Production&type=Nope",
  "region=mars-north-9",
  "region=us-east-1&cluster=%00",
  `connectorRef=${"a".repeat(500)}`,
  "connectorRef=account.",
  "connectorRef=org.x",
  "entityType=__proto__&action=%F0%9F%9A%80",
  "from=not-a-date&to=9999-99-99",
];
const queryArb = fc.oneof(
  fc.constantFrom(...RAW_QUERIES).map((q) => `${REAL_QUERY}&${q}`),
  fc.constantFrom(...RAW_QUERIES),
  fc
    .array(fc.tuple(keyArb, stringArb), { maxLength: 4 })
    .map((pairs) => `${REAL_QUERY}&${new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 500)])).toString()}`),
);

// ---- the routes ------------------------------------------------------------------------------

interface Route {
  file: string;
  segments: string[];
  /** What its OPTIONS says it answers; the catch-all answers nothing (404). */
  allow: string[];
}

const routeFolders = (): string[][] =>
  readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => f.split(path.sep).slice(0, -1))
    .sort((a, b) => a.join("/").localeCompare(b.join("/")));

interface Real {
  userId: string;
  bindingId: string;
  meTokenId: string;
  saTokenId: string;
  delegateTokenId: string;
}
let real: Real | undefined;
/** Identifiers and ids that exist: a fuzzed identifier is never one of them (nothing real is deleted). */
const existing = new Set<string>();

/** The real values of a dynamic segment, from the folder name and the one before it. */
function realSegment(route: string[], i: number, method: string): string[] {
  const seg = route[i]!;
  const before = route[i - 1];
  if (seg === "[...all]") return AUTH_PATHS[method] ?? ["fz-nothing"];
  if (seg === "[org]") return [ORG];
  if (seg === "[project]") return [PROJECT];
  if (seg === "[accountId]") return [E2E_ACCOUNT_ID];
  if (seg === "[identifier]") {
    const byCollection: Record<string, string> = {
      connectors: REAL.connector,
      environments: REAL.environment,
      agents: REAL.agent,
      clusters: REAL.cluster,
      infrastructures: REAL.infrastructure,
      secrets: REAL.secret,
      "service-accounts": REAL.serviceAccount,
    };
    const v = before && byCollection[before];
    if (v) return [v];
  }
  if (seg === "[id]") {
    const byCollection: Record<string, string> = {
      users: real!.userId,
      "role-bindings": real!.bindingId,
      tasks: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d13",
      tokens: route[0] === "me" ? real!.meTokenId : route[0] === "delegates" ? real!.delegateTokenId : real!.saTokenId,
    };
    const v = before && byCollection[before];
    if (v) return [v];
  }
  throw new Error(`app/api/${route.join("/")}: the fuzz spec has no real value for ${seg}; add one`);
}

const segmentArb = fc
  .oneof(
    { weight: 2, arbitrary: fc.stringMatching(/^[a-zA-Z_][0-9a-zA-Z_$]{0,30}$/) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: stringArb },
  )
  // A dot segment would change the route (the client normalises it); malformed paths have their own test.
  .filter((s) => s !== "" && s !== "." && s !== ".." && !existing.has(s) && !/^\.+$/.test(s));

/** A path for `route`: each dynamic segment real or fuzzed; a DELETE names nothing that exists. */
function pathArb(route: Route, method: string, realOnly = false): fc.Arbitrary<string> {
  const dynamic = route.segments.map((s, i) => ({ s, i })).filter(({ s }) => s.startsWith("["));
  const lastDynamic = dynamic.at(-1)?.i;
  const parts = route.segments.map((seg, i): fc.Arbitrary<string> => {
    if (!seg.startsWith("[")) return fc.constant(seg);
    const fuzzed = segmentArb.map(encodeSegment);
    if (seg === "[[...path]]") return fc.array(fuzzed, { minLength: 1, maxLength: 3 }).map((p) => p.join("/"));
    const realValue = fc.constantFrom(...realSegment(route.segments, i, method));
    if (seg === "[...all]")
      return realOnly
        ? realValue
        : fc.oneof(
            realValue,
            fc.array(fuzzed, { minLength: 1, maxLength: 2 }).map((p) => `fz/${p.join("/")}`),
          );
    if (method === "DELETE" && i === lastDynamic) return fuzzed;
    return realOnly ? realValue : fc.oneof(realValue, fuzzed);
  });
  return fc.tuple(...parts).map((p) => `/api/${p.join("/")}`);
}

/** Valid bodies (the routes' own shapes) that mutations start from. */
function validBody(route: Route, method: string): Obj | undefined {
  const key = `${method} /api/${route.segments.join("/")}`;
  const connector = {
    name: "Fuzz connector",
    identifier: REAL.connector,
    spec: { credential: { type: "InheritFromDelegate", region: "us-east-1" } },
  };
  const infrastructure = {
    name: "Fuzz infrastructure",
    identifier: REAL.infrastructure,
    environmentRef: REAL.environment,
    deploymentType: "Kubernetes",
    type: "KubernetesAws",
    spec: { connectorRef: REAL.connector, region: "us-east-1", cluster: `us-east-1/${kube.name}`, namespace: "web" },
  };
  const agent = {
    name: "Fuzz agent",
    identifier: REAL.agent,
    namespace: "argocd",
    spec: {
      connectorRef: REAL.connector,
      managementCluster: `us-east-1/${kube.name}`,
      agentRoleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/ArgoCD`,
    },
  };
  const cluster = {
    name: "Fuzz cluster",
    identifier: REAL.cluster,
    agentIdentifier: REAL.agent,
    spec: {
      masterUrl: kube.endpoint,
      authentication: {
        type: "IRSA",
        spec: {
          roleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/FuzzDeployer-${S}`,
          clusterName: kube.name,
          region: "us-east-1",
        },
      },
      caData: kube.caData,
    },
  };
  const bodies: Record<string, unknown> = {
    "POST /api/orgs": { identifier: `fz_new_org_${S}`, name: "New org" },
    "PUT /api/orgs/[org]": { name: "Fuzz org", description: "" },
    "POST /api/orgs/[org]/projects": { identifier: `fz_new_proj_${S}`, name: "New project" },
    "PUT /api/orgs/[org]/projects/[project]": { name: "Fuzz project", description: "" },
    "POST /api/secrets": { identifier: `fz_new_secret_${S}`, name: "New secret", value: "fuzz-new-secret-value" },
    "PUT /api/secrets/[identifier]": { name: "Fuzz secret", description: "", tags: { team: "fuzz" } },
    "POST /api/connectors": { ...connector, identifier: `fz_new_conn_${S}` },
    "PUT /api/connectors/[identifier]": connector,
    "POST /api/connectors/test": connector,
    "POST /api/environments": { name: "New env", identifier: `fz_new_env_${S}`, type: "PreProduction" },
    "PUT /api/environments/[identifier]": {
      name: "Fuzz env",
      identifier: REAL.environment,
      type: "Production",
      tags: {},
    },
    "POST /api/infrastructures": { ...infrastructure, identifier: `fz_new_infra_${S}` },
    "PUT /api/infrastructures/[identifier]": infrastructure,
    "POST /api/infrastructures/[identifier]/resolve": { inputs: { "spec.namespace": "web" } },
    "POST /api/gitops/agents": { ...agent, identifier: `fz_new_agent_${S}` },
    "PUT /api/gitops/agents/[identifier]": agent,
    "POST /api/gitops/clusters": { ...cluster, identifier: `fz_new_cluster_${S}` },
    "PUT /api/gitops/clusters/[identifier]": cluster,
    "POST /api/service-accounts": { identifier: `fz_new_sa_${S}`, name: "New SA" },
    "POST /api/service-accounts/[identifier]/tokens": { name: "fuzz", expiresInDays: 1 },
    "POST /api/me/tokens": { name: "fuzz", expiresInDays: 1 },
    "POST /api/delegates/tokens": { name: `fuzz-new-${S}` },
    "POST /api/delegate/v1/register": {
      name: "fuzz-delegate",
      tags: ["fuzz"],
      version: "0.1.0",
      host: "fuzz",
      instanceId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d11",
    },
    "POST /api/delegate/v1/heartbeat": {
      delegateId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d12",
      instanceId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d11",
    },
    "POST /api/delegate/v1/tasks/acquire": {
      delegateId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d12",
      instanceId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d11",
      waitMs: 0,
    },
    "POST /api/delegate/v1/goodbye": {
      delegateId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d12",
      instanceId: "6f1c1f5e-8d0b-4f43-9b59-0a9b7f3c2d11",
    },
    "POST /api/users": { name: "New user", email: `fz-new-${S}@e2e.test` },
    "PUT /api/users/[id]": { disabled: true },
    "POST /api/role-bindings": { role: "viewer", principal: { kind: "user", id: real?.userId ?? "" } },
    "POST /api/oidc/preview": { connectorIdentifier: REAL.connector, region: "us-east-1" },
    "POST /api/setup": { token: "f".repeat(32), name: "Fuzz", email: "fuzz@e2e.test", password: "fuzz-password-1" },
    "POST /api/auth/[...all]": { email: "not-an-email", password: "fuzz-password-1" },
  };
  const body = bodies[key];
  return body === undefined ? undefined : (fromPlain(body) as Obj);
}

// ---- sending and judging -----------------------------------------------------------------------

interface Case {
  label: string;
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: Body;
  /** For a 405: the Allow the route's OPTIONS gave. */
  allow?: string[];
}

const stats = { requests: 0, refused: 0, accepted: 0, started: Date.now(), byTest: [] as string[] };
let api: APIRequestContext;
let db: pg.Client;

const MAIN_TABLES = [
  "Organization",
  "Project",
  "Secret",
  "Connector",
  "Environment",
  "InfrastructureDefinition",
  "GitopsAgent",
  "GitopsCluster",
  "ServiceAccount",
];
const SNAPSHOT_SQL = `SELECT json_build_object(${[
  ...MAIN_TABLES.map((t) => `'${t}', (SELECT json_build_array(count(*), max("updatedAt"), sum(version)) FROM "${t}")`),
  `'User', (SELECT json_build_array(count(*), max("updatedAt"), count(*) FILTER (WHERE disabled)) FROM "User")`,
  `'ApiToken', (SELECT json_build_array(count(*), count("revokedAt")) FROM "ApiToken")`,
  `'OidcSigningKey', (SELECT json_build_array(count(*), count("retiredAt")) FROM "OidcSigningKey")`,
  `'SetupToken', (SELECT json_build_array(count(*), count("usedAt")) FROM "SetupToken")`,
  ...["RoleBinding", "ConnectorTest", "AuditEvent"].map((t) => `'${t}', (SELECT count(*) FROM "${t}")`),
].join(", ")})::text AS s`;
const snapshot = async () => (await db.query<{ s: string }>(SNAPSHOT_SQL)).rows[0]!.s;

/** After an accepted test, its result row may still be landing: wait until the rows hold still. */
async function settled(): Promise<string> {
  let last = await snapshot();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 30));
    const now = await snapshot();
    if (now === last) return now;
    last = now;
  }
  return last;
}

function describeCase(c: Case): string {
  const body = c.body
    ? ` [${c.body.kind}${c.body.type ? ` ${c.body.type}` : ""}: ${String(c.body.data).slice(0, 120)}]`
    : "";
  const headers = c.headers && Object.keys(c.headers).length ? ` ${JSON.stringify(c.headers).slice(0, 120)}` : "";
  return `${c.label}: ${c.method} ${c.path}${c.query ? `?${c.query}` : ""}`.slice(0, 300) + headers + body;
}

/** What is wrong with an answer (nothing, usually). */
function judge(c: Case, res: APIResponse, text: string): string[] {
  const wrong: string[] = [];
  const status = res.status();
  const type = res.headers()["content-type"] ?? "";
  if (status >= 500) wrong.push(`${status}`);
  // Pages answer their own errors in HTML (a missing page is Next's 404 page); the front door's
  // refusals are problem+json for pages too.
  const pathname = new URL(res.url()).pathname;
  const apiPath = pathname === "/api" || pathname.startsWith("/api/");
  if (status >= 400 && (apiPath || c.label === "escape")) {
    if (!type.includes("application/problem+json"))
      wrong.push(`${status} as ${type || "no content type"}, not problem+json`);
    else if (c.method !== "HEAD") {
      try {
        const p = JSON.parse(text) as { code?: unknown; status?: unknown };
        if (typeof p.code !== "string" || !p.code) wrong.push(`${status} problem without a code`);
        if (p.status !== status) wrong.push(`${status} problem says status ${String(p.status)}`);
      } catch {
        wrong.push(`${status} problem+json that is not JSON`);
      }
    }
    if (status === 405) {
      const allow = res.headers().allow;
      if (!allow) wrong.push("405 without Allow");
      else if (c.allow && allow !== c.allow.join(", "))
        wrong.push(`405 Allow "${allow}", the route's OPTIONS said "${c.allow.join(", ")}"`);
    }
  }
  if (text.includes(SECRET_VALUE)) wrong.push("the setup secret's value is in the answer");
  return wrong;
}

interface Answer {
  c: Case;
  /** Undefined when no answer came (a reset connection, a timeout). */
  status?: number;
  wrong: string[];
}

/** Sends one case and judges the answer. */
async function send(c: Case): Promise<Answer> {
  if (excluded(c.method, c.path)) throw new Error(`the spec built an excluded request: ${describeCase(c)}`);
  const url = `${c.path}${c.query ? `?${c.query}` : ""}`;
  // A well-formed email with a wrong password is a failed sign-in, counted per address for 15
  // minutes, which the later specs' sign-ins share: fuzzed auth bodies never hold one.
  const data =
    c.body && c.path.startsWith("/api/auth/") ? String(c.body.data).replace(EMAIL, "not-an-email") : c.body?.data;
  try {
    const res = await api.fetch(url, {
      method: c.method,
      headers: { ...(c.body?.type ? { "content-type": c.body.type } : {}), ...c.headers },
      data: data === undefined ? undefined : Buffer.from(data),
      maxRedirects: 0,
      timeout: 30_000,
    });
    const text = c.method === "HEAD" ? "" : (await res.body()).toString("utf8");
    stats.requests++;
    if (res.status() >= 400) stats.refused++;
    else stats.accepted++;
    const wrong = judge(c, res, text);
    return { c, status: res.status(), wrong: wrong.length ? [`${wrong.join("; ")}: ${text.slice(0, 300)}`] : [] };
  } catch (err) {
    return { c, wrong: [`no answer: ${(err as Error).message.split("\n")[0]}`] };
  }
}

const refusedAnswer = (a: Answer) => a.status === undefined || a.status >= 400;

/**
 * Sends the cases a few at a time (races are inputs too) and judges every answer. The rows are
 * read after each batch: a batch of refused requests must leave them as they were. When a batch
 * also had accepted requests and the rows changed, its refused ones are sent again one by one,
 * each checked on its own.
 */
async function run(cases: Case[], concurrency = 4): Promise<string[]> {
  const started = { at: Date.now(), requests: stats.requests };
  const failures: string[] = [];
  const fail = (a: Answer, why: string) => failures.push(`${describeCase(a.c)} → ${why}`);
  let before = await snapshot();
  for (let i = 0; i < cases.length; i += concurrency) {
    const answers = await Promise.all(cases.slice(i, i + concurrency).map(send));
    for (const a of answers) for (const w of a.wrong) fail(a, w);
    // An accepted test may have more to store after its answer ended (its result row): let it land.
    const tested = answers.some((a) => !refusedAnswer(a) && /\/test$/.test(a.c.path));
    let now = tested ? await settled() : await snapshot();
    if (now !== before) {
      const refused = answers.filter(refusedAnswer);
      if (refused.length === answers.length)
        failures.push(
          `refused requests changed ${diff(before, now)}: ${refused.map((a) => describeCase(a.c)).join(" | ")}`,
        );
      else
        for (const a of refused) {
          const again = await send(a.c);
          const after = await settled();
          if (refusedAnswer(again) && after !== now)
            fail(again, `refused ${again.status} but changed ${diff(now, after)}`);
          now = after;
        }
    }
    before = now;
  }
  const seconds = ((Date.now() - started.at) / 1000).toFixed(1);
  stats.byTest.push(`${stats.requests - started.requests} requests in ${seconds} s: ${test.info().title}`);
  return failures;
}

function diff(a: string, b: string): string {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  return Object.keys(y)
    .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
    .map((k) => `${k} ${JSON.stringify(x[k])} → ${JSON.stringify(y[k])}`)
    .join(", ");
}

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number): T[] =>
  fc.sample(arb, { seed: SEED + salt, numRuns: n });

function expectNoFailures(failures: string[]) {
  expect(
    failures,
    `fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED}); ${failures.length} failures:\n${failures.slice(0, 40).join("\n")}`,
  ).toEqual([]);
}

/** The requests to `route` with `method` (its streams, real tests, run once). */
function routeCases(route: Route, method: string, runs: number, salt: number): Case[] {
  const valid = validBody(route, method);
  const hasBody = ["POST", "PUT", "PATCH"].includes(method);
  const streams = /\/test$/.test(route.segments.join("/")) && method === "POST";
  const first: Case = {
    label: "real",
    method,
    path: sample(pathArb(route, method, true), 1, salt)[0]!,
    query: REAL_QUERY,
    body: hasBody ? { type: "application/json", data: valid ? toJson(valid) : "{}", kind: "valid" } : undefined,
    allow: route.allow,
  };
  const generated = sample(
    fc.record({
      path: streams ? pathArb(route, "DELETE") : pathArb(route, method),
      headers: headersArb,
      body: hasBody ? bodyArb(valid) : fc.option(bodyArb(), { freq: 4, nil: undefined }),
    }),
    runs,
    salt + 1,
  ).map((g): Case => ({ label: "generated", method, query: REAL_QUERY, allow: route.allow, ...g }));
  return [first, ...generated];
}

// ---- setup -------------------------------------------------------------------------------------

let routes: Route[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(60_000);
  stats.started = Date.now();
  api = await adminApi(playwright);
  db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  const ok = async (res: Promise<APIResponse>, what: string) => {
    const r = await res;
    expect(r.status(), `${what}: ${await r.text()}`).toBeLessThan(300);
    return r.status() === 204 ? {} : ((await r.json()) as Record<string, unknown>);
  };
  await aws.addRole({
    name: `FuzzDeployer-${S}`,
    accountId: SERVER_ACCOUNT,
    trust: { principals: [`arn:aws:iam::${SERVER_ACCOUNT}:user/conduit-server`] },
  });
  await ok(api.post("/api/orgs", { data: { identifier: ORG, name: "Fuzz org" } }), "org");
  await ok(api.post(`/api/orgs/${ORG}/projects`, { data: { identifier: PROJECT, name: "Fuzz project" } }), "project");
  await ok(
    api.post(`/api/secrets?${SCOPE}`, { data: { identifier: REAL.secret, name: "Fuzz secret", value: SECRET_VALUE } }),
    "secret",
  );
  const bodies = (method: string, file: string) =>
    toPlain(validBody({ file, segments: file.split("/"), allow: [] }, method)!);
  await ok(api.post(`/api/connectors?${SCOPE}`, { data: bodies("PUT", "connectors/[identifier]") }), "connector");
  await ok(
    api.post(`/api/environments?${SCOPE}`, {
      data: { name: "Fuzz env", identifier: REAL.environment, type: "PreProduction" },
    }),
    "environment",
  );
  await ok(
    api.post(`/api/infrastructures?${SCOPE}`, { data: bodies("PUT", "infrastructures/[identifier]") }),
    "infrastructure",
  );
  await ok(api.post(`/api/gitops/agents?${SCOPE}`, { data: bodies("PUT", "gitops/agents/[identifier]") }), "agent");
  await ok(
    api.post(`/api/gitops/clusters?${SCOPE}`, { data: bodies("PUT", "gitops/clusters/[identifier]") }),
    "cluster",
  );
  await ok(
    api.post(`/api/service-accounts?${SCOPE}`, { data: { identifier: REAL.serviceAccount, name: "Fuzz SA" } }),
    "service account",
  );
  const saToken = await ok(
    api.post(`/api/service-accounts/${REAL.serviceAccount}/tokens?${SCOPE}`, { data: { name: "fuzz" } }),
    "SA token",
  );
  const meToken = await ok(api.post("/api/me/tokens", { data: { name: "fuzz" } }), "my token");
  const delegateToken = await ok(api.post("/api/delegates/tokens", { data: { name: `fuzz-${S}` } }), "delegate token");
  const user = await ok(api.post("/api/users", { data: { name: "Fuzz user", email: `fuzz-${S}@e2e.test` } }), "user");
  const userId = (user.user as { id: string }).id;
  const binding = await ok(
    api.post(`/api/role-bindings?${SCOPE}`, { data: { role: "viewer", principal: { kind: "user", id: userId } } }),
    "role binding",
  );
  real = {
    userId,
    bindingId: binding.id as string,
    meTokenId: (meToken.item as { id: string }).id,
    saTokenId: (saToken.item as { id: string }).id,
    delegateTokenId: (delegateToken.item as { id: string }).id,
  };

  for (const table of [...MAIN_TABLES, "User", "RoleBinding", "ApiToken"]) {
    const column = MAIN_TABLES.includes(table) ? "identifier" : "id";
    for (const r of await queryRows<{ v: string }>(`SELECT "${column}" AS v FROM "${table}"`)) existing.add(r.v);
  }
  for (const v of ["default", "default_project", "test", E2E_ACCOUNT_ID]) existing.add(v);
  for (const m of ["POST", "PUT"])
    for (const file of routeFolders()) {
      const v = validBody({ file: file.join("/"), segments: file, allow: [] }, m);
      const id = v?.entries.find(([k]) => k === "identifier")?.[1];
      if (typeof id === "string") existing.add(id);
    }

  // Each route's own methods, from its OPTIONS (real identifiers).
  routes = [];
  for (const segments of routeFolders()) {
    const route: Route = { file: `app/api/${segments.join("/")}/route.ts`, segments, allow: [] };
    const p = sample(pathArb(route, "OPTIONS", true), 1, 0)[0]!;
    const res = await api.fetch(`${p}?${REAL_QUERY}`, { method: "OPTIONS" });
    if (segments[0] === "[[...path]]") expect(res.status(), route.file).toBe(404);
    else {
      expect(res.status(), route.file).toBe(204);
      route.allow = (res.headers().allow ?? "").split(", ");
    }
    routes.push(route);
  }
  expect(routes.length).toBeGreaterThan(45);
});

test.afterAll(async () => {
  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1);
  console.log(
    `[fuzz] seed ${SEED}: ${stats.requests} requests (${stats.refused} refused, ${stats.accepted} accepted) over ${routes.length} routes in ${seconds} s (setup included)\n${stats.byTest.map((t) => `[fuzz]   ${t}`).join("\n")}`,
  );
  await db?.end();
  await api?.dispose();
});

// ---- the properties --------------------------------------------------------------------------------

test("every route answers every method, with real and fuzzed identifiers", async () => {
  const cases: Case[] = [];
  routes.forEach((route, r) => {
    for (const [m, method] of [...METHODS, ...FOREIGN_METHODS].entries()) {
      // Real identifiers once, then generated ones: two more for what the route serves, one for a
      // 405, HEAD or OPTIONS where a path segment can be fuzzed, none for a method Next does not know.
      const dynamic = route.segments.some((s) => s.startsWith("["));
      const served = route.allow.includes(method) && method !== "HEAD" && method !== "OPTIONS";
      const runs = FOREIGN_METHODS.includes(method) ? 0 : served ? 2 : dynamic ? 1 : 0;
      cases.push(...routeCases(route, method, runs, r * 100 + m * 10).filter((c) => !excluded(c.method, c.path)));
    }
  });
  expectNoFailures(await run(cases));
});

test("generated JSON and YAML bodies reach every route that takes one", async () => {
  const cases: Case[] = [];
  routes.forEach((route, r) => {
    for (const [m, method] of ["POST", "PUT", "PATCH"].filter((x) => route.allow.includes(x)).entries()) {
      const valid = validBody(route, method);
      const streams = /\/test$/.test(route.segments.join("/"));
      const auth = route.segments[0] === "auth";
      const bodies = sample(bodyArb(valid), auth ? 4 : 8, 50_000 + r * 10 + m);
      bodies.forEach((body, i) => {
        // A saved connector's or cluster's test runs for any body: real identifiers once, then fuzzed.
        const p = sample(
          pathArb(route, streams && i > 0 ? "DELETE" : method, !streams || i === 0),
          1,
          60_000 + r * 100 + i,
        )[0]!;
        if (!excluded(method, p))
          cases.push({ label: "body", method, path: p, query: REAL_QUERY, body, allow: route.allow });
      });
    }
  });
  expectNoFailures(await run(cases));
});

test("generated query strings and headers reach every route that reads", async () => {
  const cases: Case[] = [];
  routes.forEach((route, r) => {
    if (!route.allow.includes("GET") && route.segments[0] !== "[[...path]]") return;
    const runs = route.segments[0] === "auth" ? 3 : 4;
    const generated = sample(
      fc.record({ query: queryArb, headers: headersArb, path: pathArb(route, "GET", true) }),
      runs,
      70_000 + r * 10,
    );
    for (const g of generated) cases.push({ label: "query", method: "GET", allow: route.allow, ...g });
  });
  expectNoFailures(await run(cases));
});

test("versions past int4 in If-Match or the body are refused, never an overflow", async () => {
  const cases: Case[] = [];
  const versions = ["2147483648", "99999999999", "1e400", "-1", "0", "9007199254740993"];
  routes
    .filter((route) => route.allow.includes("PUT"))
    .forEach((route) => {
      const valid = validBody(route, "PUT");
      const p = sample(pathArb(route, "PUT", true), 1, 1)[0]!;
      const plain = valid ? toJson(valid) : "{}";
      for (const v of versions) {
        const withVersion = valid
          ? toJson(new Obj([...valid.entries.filter(([k]) => k !== "version"), ["version", new RawNumber(v)]]))
          : `{"version":${v}}`;
        cases.push({
          label: "body version",
          method: "PUT",
          path: p,
          query: REAL_QUERY,
          body: { type: "application/json", data: withVersion, kind: "version" },
          allow: route.allow,
        });
        cases.push({
          label: "If-Match",
          method: "PUT",
          path: p,
          query: REAL_QUERY,
          headers: { "if-match": `"${v.replace(/"/g, "")}"` },
          body: { type: "application/json", data: plain, kind: "valid" },
          allow: route.allow,
        });
      }
    });
  expect(cases.length).toBeGreaterThan(50);
  const failures = await run(cases);
  expectNoFailures(failures);
  // Above int4 is named as such: 400 on If-Match, 422 on `version`.
  const p = `/api/orgs/${ORG}?${REAL_QUERY}`;
  const header = await api.put(p, { headers: { "if-match": '"2147483648"' }, data: { name: "Fuzz org" } });
  expect(header.status()).toBe(400);
  expect((await header.json()).fieldErrors).toHaveProperty("If-Match");
  const body = await api.put(p, { data: { name: "Fuzz org", version: 2 ** 31 } });
  expect(body.status()).toBe(422);
  expect((await body.json()).fieldErrors).toHaveProperty("version");
});

test("malformed paths: escapes that do not decode, control characters, traversal — pages and API alike", async () => {
  const bad = [
    "%C0%AF",
    "%",
    "%ZZ",
    "%E0%A4%A",
    "%ED%A0%80",
    "%FF",
    "a%00b",
    "%0A",
    "%7F",
    "%C2%85",
    "%25%",
    "%%30%30",
  ];
  const prefixes = [
    "/api/",
    "/api/connectors/",
    `/api/orgs/${ORG}/`,
    "/api/auth/",
    "/",
    "/connectors/",
    "/sign-in/",
    "/_next/",
  ];
  const generated = sample(
    fc.tuple(fc.constantFrom(...prefixes), fc.constantFrom(...bad), fc.constantFrom(...METHODS, "TRACE")),
    60,
    80_000,
  );
  const cases: Case[] = generated
    .filter(([, , m]) => m !== "DELETE")
    .map(([prefix, escape, method]) => ({ label: "escape", method, path: `${prefix}x${escape}y` }));
  for (const p of [
    "/api/%2e%2e/%2e%2e/etc/passwd",
    "/api//connectors",
    "/api/connectors/%2F%2F",
    "/api/" + "a/".repeat(300),
    "/api/" + "x".repeat(8_000),
    "/%2e%2e/api/health",
    "/api/health/",
  ])
    cases.push({ label: "odd path", method: "GET", path: p });
  const failures = await run(cases);
  expectNoFailures(failures);
  // The front door answers them itself, in problem+json, for pages as for the API.
  for (const p of ["/api/orgs/%ZZ", "/connectors/%C0%AF", "/%"]) {
    const res = await api.get(p, { maxRedirects: 0 });
    expect(res.status(), p).toBe(400);
    expect((await res.json()).code).toBe("BAD_REQUEST");
  }
});

test("sign-out, in a signed-in context of its own, answers in problem+json too", async ({ playwright }) => {
  const own = await anonymousApi(playwright);
  try {
    const signIn = await own.post("/api/auth/sign-in/email", {
      data: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(signIn.status()).toBe(200);
    for (const body of sample(bodyArb(), 3, 90_000)) {
      const res = await own.fetch("/api/auth/sign-out", {
        method: "POST",
        headers: body.type ? { "content-type": body.type } : {},
        data: Buffer.from(body.data),
      });
      expect(res.status()).toBeLessThan(500);
      if (res.status() >= 400) expect(res.headers()["content-type"]).toContain("application/problem+json");
    }
    await own.post("/api/auth/sign-out");
    const after = await own.get("/api/me");
    expect(after.status()).toBe(401);
    expect((await after.json()).code).toBe("UNAUTHENTICATED");
    // The admin's own session, which every later spec uses, is still signed in.
    expect((await api.get("/api/me")).status()).toBe(200);
  } finally {
    await own.dispose();
  }
});
