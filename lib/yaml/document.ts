// The YAML plumbing the Harness-style documents share (connectors, infrastructure definitions,
// GitOps agents and clusters): writing with Harness's key order, reading with line numbers,
// and turning a zod issue into the line of the key the user edits. Pure (browser and server).
import { Document, LineCounter, Scalar, isMap, isNode, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { AppError } from "@/lib/http/errors";

export type Rec = Record<string, unknown>;
export const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

/** Copies `obj` with `order` first (Harness's key order), then any other keys; drops undefined. */
export function ordered(obj: Rec, order: readonly string[]): Rec {
  const out: Rec = {};
  for (const k of [...order, ...Object.keys(obj).filter((k) => !order.includes(k))]) {
    if (obj[k] !== undefined) out[k] = obj[k];
  }
  return out;
}

/** Drops keys whose value is null: Harness writes `crossAccountAccess: null`, `description:`… */
export function withoutNulls(obj: Rec, keys: readonly string[]): Rec {
  const out = { ...obj };
  for (const k of keys) if (out[k] === null) delete out[k];
  return out;
}

/**
 * `value` as YAML text. lineWidth 0: never fold long ARNs or descriptions across lines.
 * `quote`: plain strings it matches are double-quoted, for YAML 1.1 readers (Harness's Java
 * side, snakeyaml) that would read words like `yes` or `off` as booleans.
 */
export function toYamlText(value: Rec, quote?: RegExp): string {
  const doc = new Document(value);
  if (quote) {
    visit(doc, {
      Scalar(_, node) {
        if (typeof node.value === "string" && quote.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      },
    });
  }
  return doc.toString({ lineWidth: 0 });
}

/** One problem in a YAML document: 1-based line/column of the key, and the key's dotted path. */
export interface YamlIssue {
  line: number;
  column: number;
  message: string;
  path: string;
}

export type YamlPath = (string | number)[];

export interface ReadYaml {
  ok: true;
  doc: Document.Parsed;
  lc: LineCounter;
  js: unknown;
}

/** Parses `text`; syntax errors (every one, in order) and alias bombs come back as issues. */
export function readYaml(text: string): ReadYaml | { ok: false; issues: YamlIssue[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const { line, col } = lc.linePos(e.pos[0]);
        return { line, column: col, message: e.message, path: "" };
      }),
    };
  }
  try {
    return { ok: true, doc, lc, js: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return {
      ok: false,
      issues: [{ line: 1, column: 1, message: e instanceof Error ? e.message : String(e), path: "" }],
    };
  }
}

// Start offset of the key (or sequence item) at `path`, so "line N" is the line the user edits.
export function keyOffset(doc: Document.Parsed, path: YamlPath): number | undefined {
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
export function locate(doc: Document.Parsed, lc: LineCounter, path: YamlPath): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const offset = keyOffset(doc, path.slice(0, n));
    if (offset !== undefined) return lc.linePos(offset);
  }
  return { line: 1, col: 1 };
}

/** A zod issue's path as YAML keys; for an unknown key, the key itself. */
export function issuePath(issue: z.core.$ZodIssue): YamlPath {
  const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) rel.push(issue.keys[0]);
  return rel;
}

/**
 * Locates a schema issue of a `root: {…}` document whose input was the body under `root` with
 * the keys beside it merged in (or the whole document when there is no such body): the key
 * under `root` when it is there, else the one at the top, else the nearest ancestor.
 */
export function locateWrappedIssue(read: ReadYaml, root: string, issue: z.core.$ZodIssue): YamlIssue {
  const { doc, lc, js } = read;
  const rel = issuePath(issue);
  const wrappedRoot = isRecord(js) && isRecord(js[root]);
  const wrapped = wrappedRoot ? [root, ...rel] : rel;
  const path =
    keyOffset(doc, wrapped) !== undefined || !wrappedRoot ? wrapped : keyOffset(doc, rel) !== undefined ? rel : wrapped;
  const { line, col } = locate(doc, lc, path);
  return { line, column: col, message: issue.message, path: path.join(".") };
}

export type YamlResult<T> = { ok: true; value: T } | ({ ok: false; issues?: YamlIssue[] } & YamlIssue);

/**
 * For withRoute's `fromYaml`: the body shape, or a 422 whose detail names the line of the first
 * issue (the editor marks it). Results that carry every issue list them all in fieldErrors and
 * `extra.issues`.
 */
export function valueOr422<T>(r: YamlResult<T>): T {
  if (r.ok) return r.value;
  const fieldErrors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const i of r.issues ?? [r]) (fieldErrors[i.path || "(root)"] ??= []).push(i.message);
  throw new AppError("VALIDATION_FAILED", `Line ${r.line}: ${r.message}`, {
    fieldErrors,
    extra: r.issues ? { line: r.line, column: r.column, issues: r.issues } : { line: r.line, column: r.column },
  });
}

/** The keys every resource document starts with, in Harness's order. */
export const RESOURCE_HEAD = ["name", "identifier", "description", "orgIdentifier", "projectIdentifier", "tags"];

/** Unwraps `<root>: {…}` and drops null scalars Harness-style YAML writes for absent keys. */
function unwrap(js: Rec, root: string): unknown {
  if (!isRecord(js[root])) return js;
  const { [root]: body, ...others } = js;
  const out: Rec = { ...others, ...(body as Rec) };
  for (const k of ["description", "tags", "orgIdentifier", "projectIdentifier"])
    if (out[k] === null || out[k] === "") delete out[k];
  return out;
}

/** A `<root>: {…}` document validated with `schema`; a failure names the line of the key. */
export function parseWrappedYaml<T>(text: string, root: string, schema: z.ZodType<T, unknown>): YamlResult<T> {
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
