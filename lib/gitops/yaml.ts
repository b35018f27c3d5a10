// YAML for GitOps agents (`gitopsAgent: {…}`) and clusters (`gitopsCluster: {…}`), both ways.
// Pure (browser and server): the YAML tab and the `application/yaml` API body go through here
// and validate with the one zod contract in ./schemas; errors name the line of the key.
import type { z } from "zod";
import {
  isRecord,
  locate,
  issuePath,
  ordered,
  readYaml,
  toYamlText,
  valueOr422,
  type Rec,
  type YamlResult,
} from "@/lib/yaml/document";
import {
  gitopsAgentUpdateSchema,
  gitopsClusterUpdateSchema,
  type GitopsAgentInput,
  type GitopsClusterInput,
} from "./schemas";

const HEAD = ["name", "identifier", "description", "orgIdentifier", "projectIdentifier", "tags"];
const dump = (root: string, body: Rec) => toYamlText({ [root]: body });

export function agentToYaml(a: GitopsAgentInput): string {
  return dump(
    "gitopsAgent",
    ordered({ ...a, spec: ordered(a.spec, ["connectorRef", "managementCluster", "agentRoleArn"]) }, [
      ...HEAD,
      "namespace",
      "spec",
    ]),
  );
}

export function clusterToYaml(c: GitopsClusterInput): string {
  const auth = c.spec.authentication;
  const spec = ordered(
    {
      ...c.spec,
      authentication: { type: auth.type, spec: ordered(auth.spec, ["roleArn", "clusterName", "region", "tokenRef"]) },
    },
    ["masterUrl", "authentication", "caData"],
  );
  return dump("gitopsCluster", ordered({ ...c, spec }, [...HEAD, "agentIdentifier", "spec"]));
}

/** Unwraps `<root>: {…}` and drops null scalars Harness-style YAML writes for absent keys. */
function unwrap(js: Rec, root: string): unknown {
  if (!isRecord(js[root])) return js;
  const { [root]: body, ...others } = js;
  const out: Rec = { ...others, ...(body as Rec) };
  for (const k of ["description", "tags", "orgIdentifier", "projectIdentifier"])
    if (out[k] === null || out[k] === "") delete out[k];
  return out;
}

function parseWith<T>(text: string, root: string, schema: z.ZodType<T, unknown>): YamlResult<T> {
  const read = readYaml(text);
  if (!read.ok) return { ok: false, ...read.issues[0]! };
  const js = read.js;
  if (!isRecord(js) || !isRecord(js[root]))
    return { ok: false, line: 1, column: 1, message: `Expected a document starting with ${root}:`, path: "" };
  const result = schema.safeParse(unwrap(js, root));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const rel = issuePath(issue);
  // The key under `root:`, or the nearest existing ancestor for a missing one.
  const { line, col } = locate(read.doc, read.lc, [root, ...rel]);
  return { ok: false, line, column: col, message: issue.message, path: rel.join(".") };
}

export type GitopsAgentUpdate = z.infer<typeof gitopsAgentUpdateSchema>;
export type GitopsClusterUpdate = z.infer<typeof gitopsClusterUpdateSchema>;

export const parseAgentYaml = (text: string) =>
  parseWith<GitopsAgentUpdate>(text, "gitopsAgent", gitopsAgentUpdateSchema);
export const parseClusterYaml = (text: string) =>
  parseWith<GitopsClusterUpdate>(text, "gitopsCluster", gitopsClusterUpdateSchema);

/** For withRoute's `fromYaml`: the body shape, or a 422 naming the line. */
export const agentFromYaml = (text: string) => valueOr422(parseAgentYaml(text));
export const clusterFromYaml = (text: string) => valueOr422(parseClusterYaml(text));
/** Create bodies carry no version. */
function withoutVersion<T extends { version?: number }>(v: T): Omit<T, "version"> {
  const { version: _v, ...rest } = v;
  return rest;
}
export const agentCreateFromYaml = (text: string) => withoutVersion(agentFromYaml(text));
export const clusterCreateFromYaml = (text: string) => withoutVersion(clusterFromYaml(text));
