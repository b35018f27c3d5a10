// What a failed YAML save says about the document, line by line. Pure: the editor turns these
// into diagnostics (components/yaml/codemirror.ts), and this file never loads CodeMirror.
import { ApiError, errorMessage } from "@/lib/http/client";

/** One problem at a 1-based line (and column, when the server knows the key's position). */
export interface YamlIssueMark {
  line: number;
  column?: number;
  message: string;
}

const positive = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1;

/**
 * A 422 for a YAML body carries `extra.line` (and `column`) of its first problem and, when the
 * document was read, `extra.issues` with every problem (lib/yaml/document.ts `valueOr422`).
 * Anything else has no line: an empty list.
 */
export function yamlIssuesOf(err: unknown): YamlIssueMark[] {
  if (!(err instanceof ApiError)) return [];
  const extra = err.problem.extra ?? {};
  const issues = Array.isArray(extra.issues) ? (extra.issues as unknown[]) : [];
  const marks = issues.flatMap((i): YamlIssueMark[] => {
    if (typeof i !== "object" || i === null) return [];
    const { line, column, message } = i as Record<string, unknown>;
    if (!positive(line) || typeof message !== "string") return [];
    return [{ line, column: positive(column) ? column : undefined, message }];
  });
  if (marks.length) return marks;
  if (!positive(extra.line)) return [];
  return [
    {
      line: extra.line,
      column: positive(extra.column) ? extra.column : undefined,
      // The detail reads "Line n: …"; the editor shows the line already.
      message: errorMessage(err).replace(/^Line \d+:\s*/, ""),
    },
  ];
}
