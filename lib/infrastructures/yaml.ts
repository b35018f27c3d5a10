// Harness-style YAML for infrastructure definitions: `infrastructureDefinition: { name, …, spec }`.
// Pure (browser and server): the YAML tab, the `application/yaml` API body and the resolved
// document of the resolve endpoint all go through here and validate with ./schemas.
import { Document, LineCounter, Scalar, isMap, isNode, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { infrastructureInputSchema, type InfrastructureInput } from "./schemas";

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

function ordered(obj: Rec, order: readonly string[]): Rec {
  const out: Rec = {};
  for (const k of [...order, ...Object.keys(obj).filter((k) => !order.includes(k))]) {
    if (obj[k] !== undefined) out[k] = obj[k];
  }
  return out;
}

// YAML 1.1 readers (Harness's snakeyaml) read these words as booleans; quoting keeps them strings.
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;

export type InfrastructureYamlInput = InfrastructureInput & { orgIdentifier?: string; projectIdentifier?: string };

export function infrastructureToYaml(d: InfrastructureYamlInput): string {
  const definition = ordered(
    {
      name: d.name,
      identifier: d.identifier,
      description: d.description,
      tags: d.tags,
      orgIdentifier: d.orgIdentifier || undefined,
      projectIdentifier: d.projectIdentifier || undefined,
      environmentRef: d.environmentRef,
      deploymentType: d.deploymentType,
      type: d.type,
      spec: ordered({ ...d.spec }, ["connectorRef", "cluster", "namespace", "releaseName", "region", "provisioner"]),
      allowSimultaneousDeployments: d.allowSimultaneousDeployments,
      // Inline is the only storage and Harness leaves it out of the document.
      scopedServices: d.scopedServices.length ? d.scopedServices : undefined,
    },
    [],
  );
  const doc = new Document({ infrastructureDefinition: definition });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && YAML11_BOOL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function withoutNulls(obj: Rec, keys: readonly string[]): Rec {
  const out = { ...obj };
  for (const k of keys) if (out[k] === null) delete out[k];
  return out;
}

/**
 * Maps a parsed document to the API input shape without validating (the schema does that).
 * Anything that is not `infrastructureDefinition: {…}` is returned unchanged for the schema to report.
 */
export function yamlToInfrastructureInput(doc: unknown): unknown {
  if (!isRecord(doc) || !isRecord(doc.infrastructureDefinition)) return doc;
  const { infrastructureDefinition, ...others } = doc;
  const out = withoutNulls({ ...others, ...infrastructureDefinition }, [
    "description", "tags", "orgIdentifier", "projectIdentifier", "scopedServices", "storage",
  ]);
  for (const k of ["orgIdentifier", "projectIdentifier"]) if (out[k] === "") delete out[k];
  if (isRecord(out.spec)) out.spec = withoutNulls(out.spec, ["region", "provisioner"]);
  return out;
}

export interface YamlIssue {
  line: number;
  column: number;
  message: string;
  path: string;
}
export type InfrastructureYamlResult =
  | { ok: true; value: InfrastructureInput }
  | ({ ok: false; issues: YamlIssue[] } & YamlIssue);

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

// The nearest existing ancestor stands in for a missing key (a required field left out).
function locate(doc: Document.Parsed, lc: LineCounter, path: Path): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const offset = keyOffset(doc, path.slice(0, n));
    if (offset !== undefined) return lc.linePos(offset);
  }
  return { line: 1, col: 1 };
}

const fail = (issues: YamlIssue[]): InfrastructureYamlResult => ({ ok: false, ...issues[0]!, issues });

/** Parses and validates definition YAML; every issue carries the 1-based line/column of its key. */
export function parseInfrastructureYaml(
  text: string,
  schema: z.ZodType<InfrastructureInput, unknown> = infrastructureInputSchema,
): InfrastructureYamlResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    return fail(doc.errors.map((e) => {
      const { line, col } = lc.linePos(e.pos[0]);
      return { line, column: col, message: e.message, path: "" };
    }));
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail([{ line: 1, column: 1, message: e instanceof Error ? e.message : String(e), path: "" }]);
  }
  if (!isRecord(js)) {
    return fail([{ line: 1, column: 1, message: "Expected a document starting with infrastructureDefinition:", path: "" }]);
  }
  const result = schema.safeParse(yamlToInfrastructureInput(js));
  if (result.success) return { ok: true, value: result.data };
  const wrappedRoot = isRecord(js.infrastructureDefinition);
  const issues = result.error.issues.map((issue): YamlIssue => {
    const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) rel.push(issue.keys[0]);
    // Keys beside `infrastructureDefinition:` were merged into the input: try the wrapped path, then the top.
    const wrapped = wrappedRoot ? ["infrastructureDefinition", ...rel] : rel;
    const path = keyOffset(doc, wrapped) !== undefined || !wrappedRoot ? wrapped : keyOffset(doc, rel) !== undefined ? rel : wrapped;
    const { line, col } = locate(doc, lc, path);
    return { line, column: col, message: issue.message, path: path.join(".") };
  });
  return issues.length ? fail(issues) : fail([{ line: 1, column: 1, message: "Invalid infrastructure definition", path: "" }]);
}
