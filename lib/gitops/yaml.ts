// YAML for GitOps agents (`gitopsAgent: {…}`) and clusters (`gitopsCluster: {…}`), both ways.
// Pure (browser and server): the YAML tab and the `application/yaml` API body go through here
// and validate with the one zod contract in ./schemas; errors name the line of the key.
import { Document, LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { AppError } from "@/lib/http/errors";
import {
  gitopsAgentUpdateSchema,
  gitopsClusterUpdateSchema,
  type GitopsAgentInput,
  type GitopsClusterInput,
} from "./schemas";

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

function ordered(obj: Rec, order: readonly string[]): Rec {
  const out: Rec = {};
  for (const k of [...order, ...Object.keys(obj).filter((k) => !order.includes(k))]) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

const HEAD = ["name", "identifier", "description", "orgIdentifier", "projectIdentifier", "tags"];
const dump = (root: string, body: Rec) => new Document({ [root]: body }).toString({ lineWidth: 0 });

export function agentToYaml(a: GitopsAgentInput): string {
  return dump("gitopsAgent", ordered({ ...a, spec: ordered(a.spec, ["connectorRef", "managementCluster", "agentRoleArn"]) }, [...HEAD, "namespace", "spec"]));
}

export function clusterToYaml(c: GitopsClusterInput): string {
  const auth = c.spec.authentication;
  const spec = ordered({ ...c.spec, authentication: { type: auth.type, spec: ordered(auth.spec, ["roleArn", "clusterName", "region", "tokenRef"]) } }, [
    "masterUrl",
    "authentication",
    "caData",
  ]);
  return dump("gitopsCluster", ordered({ ...c, spec }, [...HEAD, "agentIdentifier", "spec"]));
}

export type YamlResult<T> = { ok: true; value: T } | { ok: false; line: number; column: number; message: string; path: string };
type Path = (string | number)[];

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

/** Unwraps `<root>: {…}` and drops null scalars Harness-style YAML writes for absent keys. */
function unwrap(js: Rec, root: string): unknown {
  if (!isRecord(js[root])) return js;
  const { [root]: body, ...others } = js;
  const out: Rec = { ...others, ...(body as Rec) };
  for (const k of ["description", "tags", "orgIdentifier", "projectIdentifier"]) if (out[k] === null || out[k] === "") delete out[k];
  return out;
}

function parseWith<T>(text: string, root: string, schema: z.ZodType<T, unknown>): YamlResult<T> {
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
  if (!isRecord(js) || !isRecord(js[root])) return { ok: false, line: 1, column: 1, message: `Expected a document starting with ${root}:`, path: "" };
  const result = schema.safeParse(unwrap(js, root));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) rel.push(issue.keys[0]);
  const wrapped = [root, ...rel];
  // The nearest existing ancestor stands in for a missing key.
  for (let n = wrapped.length; n >= 0; n--) {
    const offset = keyOffset(doc, wrapped.slice(0, n));
    if (offset !== undefined) {
      const { line, col } = lc.linePos(offset);
      return { ok: false, line, column: col, message: issue.message, path: rel.join(".") };
    }
  }
  return { ok: false, line: 1, column: 1, message: issue.message, path: rel.join(".") };
}

export type GitopsAgentUpdate = z.infer<typeof gitopsAgentUpdateSchema>;
export type GitopsClusterUpdate = z.infer<typeof gitopsClusterUpdateSchema>;

export const parseAgentYaml = (text: string) => parseWith<GitopsAgentUpdate>(text, "gitopsAgent", gitopsAgentUpdateSchema);
export const parseClusterYaml = (text: string) => parseWith<GitopsClusterUpdate>(text, "gitopsCluster", gitopsClusterUpdateSchema);

/** For withRoute's `fromYaml`: the body shape, or a 422 naming the line. */
function orThrow<T>(r: YamlResult<T>): T {
  if (r.ok) return r.value;
  throw new AppError("VALIDATION_FAILED", `Line ${r.line}: ${r.message}`, {
    fieldErrors: { [r.path || "(root)"]: [r.message] },
    extra: { line: r.line, column: r.column },
  });
}
export const agentFromYaml = (text: string) => orThrow(parseAgentYaml(text));
export const clusterFromYaml = (text: string) => orThrow(parseClusterYaml(text));
/** Create bodies carry no version. */
function withoutVersion<T extends { version?: number }>(v: T): Omit<T, "version"> {
  const { version: _v, ...rest } = v;
  return rest;
}
export const agentCreateFromYaml = (text: string) => withoutVersion(agentFromYaml(text));
export const clusterCreateFromYaml = (text: string) => withoutVersion(clusterFromYaml(text));
