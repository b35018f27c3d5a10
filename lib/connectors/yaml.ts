// Harness-style YAML for AWS connectors: `connector: { name, identifier, …, type: Aws, spec }`.
// Pure (browser and server): the YAML view of the form and the `application/yaml` API body
// both go through here, and both validate with the one zod contract in ./schemas.
import { Document, LineCounter, Scalar, isMap, isNode, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { connectorInputSchema, type ConnectorInput } from "./schemas";

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

/** Copies `obj` with `order` first (Harness's key order), then any other keys; drops undefined. */
function ordered(obj: Rec, order: readonly string[]): Rec {
  const out: Rec = {};
  for (const k of [...order, ...Object.keys(obj).filter((k) => !order.includes(k))]) {
    if (obj[k] !== undefined) out[k] = obj[k];
  }
  return out;
}

// YAML 1.1 readers (Harness's Java side, snakeyaml) turn these plain words into booleans;
// quoting them keeps a tag like `enabled: "yes"` a string everywhere.
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

export function connectorToYaml(c: ConnectorInput & { orgIdentifier?: string; projectIdentifier?: string }): string {
  const cred = c.spec.credential;
  const credential = ordered(
    {
      ...cred,
      // InheritFromDelegate and Irsa carry no spec; Harness leaves the key out.
      spec: isRecord(cred.spec)
        ? ordered(cred.spec, ["accessKey", "accessKeyRef", "secretKeyRef", "sessionTokenRef", "iamRoleArn", "oidcSessionTagKeys"])
        : undefined,
      crossAccountAccess: cred.crossAccountAccess
        ? ordered(cred.crossAccountAccess, ["crossAccountRoleArn", "externalId", "assumeRoleSessionDuration"])
        : undefined,
    },
    ["type", "spec", "region", "crossAccountAccess"],
  );
  const backoff = c.spec.awsSdkClientBackOffStrategyOverride;
  const spec = ordered(
    {
      ...c.spec,
      credential,
      awsSdkClientBackOffStrategyOverride: backoff
        ? { type: backoff.type, spec: ordered(backoff.spec, ["fixedBackoff", "baseDelay", "maxBackoffTime", "retryCount"]) }
        : undefined,
    },
    ["credential", "awsSdkClientBackOffStrategyOverride", "delegateSelectors", "executeOnDelegate"],
  );
  const connector = ordered(
    {
      name: c.name,
      identifier: c.identifier,
      description: c.description,
      orgIdentifier: c.orgIdentifier || undefined,
      projectIdentifier: c.projectIdentifier || undefined,
      tags: c.tags,
      type: "Aws",
      spec,
    },
    ["name", "identifier", "description", "orgIdentifier", "projectIdentifier", "tags", "type", "spec"],
  );
  const doc = new Document({ connector });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && YAML11_BOOL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // lineWidth 0: never fold long ARNs or descriptions across lines.
  return doc.toString({ lineWidth: 0 });
}

/** Drops keys whose value is null: Harness writes `crossAccountAccess: null`, `description:`… */
function withoutNulls(obj: Rec, keys: readonly string[]): Rec {
  const out = { ...obj };
  for (const k of keys) if (out[k] === null) delete out[k];
  return out;
}

/**
 * Maps a parsed YAML document to the API input shape, without validating: the zod schema does
 * that. Anything that is not `connector: {…}` is returned unchanged so the schema reports it;
 * a `type` other than Aws is kept (as null when missing) for the schema's literal to refuse.
 */
export function yamlToConnectorInput(doc: unknown): unknown {
  if (!isRecord(doc) || !isRecord(doc.connector)) return doc;
  const { connector, ...others } = doc;
  const { type, ...rest } = connector;
  const out: Rec = withoutNulls({ ...others, ...rest }, ["description", "tags", "orgIdentifier", "projectIdentifier"]);
  if (type !== "Aws") out.type = type ?? null;
  for (const k of ["orgIdentifier", "projectIdentifier"]) if (out[k] === "") delete out[k];
  if (isRecord(out.spec)) {
    const spec = withoutNulls(out.spec, ["awsSdkClientBackOffStrategyOverride", "delegateSelectors", "executeOnDelegate"]);
    if (isRecord(spec.credential)) spec.credential = withoutNulls(spec.credential, ["crossAccountAccess", "region"]);
    out.spec = spec;
  }
  return out;
}

export type ConnectorYamlResult =
  | { ok: true; value: ConnectorInput }
  | { ok: false; line: number; column: number; message: string; path: string };

type Path = (string | number)[];

// Start offset of the key (or sequence item) at `path`, so "line N" is the line the user edits.
function keyOffset(doc: Document.Parsed, path: Path): number | undefined {
  if (path.length === 0) return doc.contents?.range[0];
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(last));
    return pair && isNode(pair.key) ? pair.key.range?.[0] : undefined;
  }
  if (isSeq(parent) && typeof last === "number") {
    const item = parent.items[last];
    return isNode(item) ? item.range?.[0] : undefined;
  }
  return undefined;
}

// The nearest existing ancestor stands in for a missing key (e.g. a required field left out).
function locate(doc: Document.Parsed, lc: LineCounter, path: Path): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const offset = keyOffset(doc, path.slice(0, n));
    if (offset !== undefined) return lc.linePos(offset);
  }
  return { line: 1, col: 1 };
}

/** Parses and validates connector YAML; failures carry the 1-based line/column of the offending key. */
export function parseConnectorYaml(
  text: string,
  schema: z.ZodType<ConnectorInput, unknown> = connectorInputSchema,
): ConnectorYamlResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lc.linePos(syntax.pos[0]);
    return { ok: false, line, column: col, message: syntax.message, path: "" };
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, line: 1, column: 1, message: e instanceof Error ? e.message : String(e), path: "" };
  }
  if (!isRecord(js)) {
    return { ok: false, line: 1, column: 1, message: "Expected a connector document starting with connector:", path: "" };
  }
  const result = schema.safeParse(yamlToConnectorInput(js));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, line: 1, column: 1, message: "Invalid connector", path: "" };
  const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) rel.push(issue.keys[0]);
  // Keys outside `connector:` were merged into the input, so try the wrapped path, then the top.
  const wrapped = isRecord(js.connector) ? ["connector", ...rel] : rel;
  const inConnector = keyOffset(doc, wrapped) !== undefined || !isRecord(js.connector);
  const path = inConnector ? wrapped : keyOffset(doc, rel) !== undefined ? rel : wrapped;
  const { line, col } = locate(doc, lc, path);
  return { ok: false, line, column: col, message: issue.message, path: path.join(".") };
}
