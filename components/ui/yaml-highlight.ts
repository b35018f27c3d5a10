// A small, line-based YAML tokenizer for syntax highlighting (not a parser). It never throws, and
// the tokens of each line joined give back that line exactly, so the highlighted <pre> always
// lines up character for character with the <textarea> above it.

export type YamlTokenType =
  | "plain" // whitespace and anything unrecognised
  | "key"
  | "string"
  | "number"
  | "literal" // true, false, null, ~
  | "comment"
  | "dash" // a block sequence entry "- "
  | "punct" // : , [ ] { } | > and document markers
  | "meta"; // &anchor *alias !tag

export interface YamlToken {
  type: YamlTokenType;
  text: string;
}

export interface HighlightedLine {
  tokens: YamlToken[];
}

const LITERAL = /^(?:true|false|null|~|True|False|Null|TRUE|FALSE|NULL)$/;
const NUMBER =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF)$|^\.(?:nan|NaN|NAN)$/;
const BLOCK_SCALAR = /^[|>][-+0-9]*$/;

function scalarType(text: string): YamlTokenType {
  if (LITERAL.test(text)) return "literal";
  if (NUMBER.test(text)) return "number";
  return "string";
}

/** Index just past a quoted string starting at `start` (or the end of the line if unclosed). */
function quotedEnd(line: string, start: number): number {
  const q = line[start];
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (q === '"' && c === "\\") {
      i += 2;
      continue;
    }
    if (c === q) {
      if (q === "'" && line[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return line.length;
}

/** Where a plain key ends: the first ":" followed by a space or the end of the line, outside quotes. */
function plainKeyEnd(line: string, start: number): number {
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === "#" && (i === start || /\s/.test(line[i - 1] ?? ""))) return -1;
    if (c === ":" && (i + 1 === line.length || /\s/.test(line[i + 1] ?? ""))) return i;
  }
  return -1;
}

class LineTokens {
  readonly tokens: YamlToken[] = [];
  push(type: YamlTokenType, text: string) {
    if (!text) return;
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.type === type) last.text += text;
    else this.tokens.push({ type, text });
  }
}

/** Flow collections (`[a, b]`, `{k: v}`) on one line: punctuation, quoted strings and scalars. */
function flow(out: LineTokens, line: string, start: number): void {
  let i = start;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "#" && /\s/.test(line[i - 1] ?? " ")) {
      out.push("comment", line.slice(i));
      return;
    }
    if ("[]{},:".includes(c)) {
      out.push("punct", c);
      i++;
    } else if (/\s/.test(c)) {
      const m = /^\s+/.exec(line.slice(i))![0];
      out.push("plain", m);
      i += m.length;
    } else if (c === '"' || c === "'") {
      const end = quotedEnd(line, i);
      out.push("string", line.slice(i, end));
      i = end;
    } else {
      const m = /^[^\s[\]{},:]+/.exec(line.slice(i))?.[0] ?? c;
      const isKey = /^\s*:/.test(line.slice(i + m.length));
      out.push(isKey ? "key" : scalarType(m), m);
      i += m.length;
    }
  }
}

/** A value after `key:` or `- `: anchors/tags, then a quoted, flow, block or plain scalar. */
function value(out: LineTokens, line: string, start: number): "block" | void {
  let i = start;
  for (;;) {
    const ws = /^\s*/.exec(line.slice(i))![0];
    out.push("plain", ws);
    i += ws.length;
    const meta = /^[&*!][^\s,[\]{}]*/.exec(line.slice(i));
    if (!meta) break;
    out.push("meta", meta[0]);
    i += meta[0].length;
  }
  if (i >= line.length) return;
  const rest = line.slice(i);
  const c = rest[0]!;
  if (c === "#") return void out.push("comment", rest);
  if (c === "[" || c === "{") return flow(out, line, i);
  let end: number;
  let type: YamlTokenType;
  if (c === '"' || c === "'") {
    end = quotedEnd(line, i);
    type = "string";
  } else {
    const comment = /\s#/.exec(rest);
    const text = (comment ? rest.slice(0, comment.index) : rest).trimEnd();
    end = i + text.length;
    if (BLOCK_SCALAR.test(text)) {
      out.push("punct", text);
      trailing(out, line, end);
      return "block";
    }
    type = scalarType(text);
  }
  out.push(type, line.slice(i, end));
  trailing(out, line, end);
}

/** Whatever follows a scalar: spaces and a comment, or stray text kept as plain. */
function trailing(out: LineTokens, line: string, start: number) {
  const rest = line.slice(start);
  const m = /^(\s*)(#.*)?$/.exec(rest);
  if (m) {
    out.push("plain", m[1] ?? "");
    out.push("comment", m[2] ?? "");
  } else out.push("plain", rest);
}

/** Tokenizes one line outside a block scalar; returns the indent a following block scalar must exceed. */
function tokenizeLine(out: LineTokens, line: string): number | undefined {
  const indent = /^[ \t]*/.exec(line)![0];
  out.push("plain", indent);
  let i = indent.length;
  if (i === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(line)) {
    out.push("punct", line.slice(0, 3));
    const after = value(out, line, 3);
    return after === "block" ? 0 : undefined;
  }
  if (line[i] === "%" && i === 0) {
    out.push("meta", line);
    return;
  }
  // Block sequence entries, possibly nested on one line: "- - a".
  let itemIndent = indent.length;
  while (line[i] === "-" && (i + 1 === line.length || /\s/.test(line[i + 1] ?? ""))) {
    out.push("dash", "-");
    itemIndent = i;
    i++;
    const ws = /^\s*/.exec(line.slice(i))![0];
    out.push("plain", ws);
    i += ws.length;
  }
  if (i >= line.length) return;
  if (line[i] === "#") {
    out.push("comment", line.slice(i));
    return;
  }
  // A mapping key: quoted ("a b": …) or plain (up to the first ": ").
  const c = line[i]!;
  let keyEnd = -1;
  if (c === '"' || c === "'") {
    const q = quotedEnd(line, i);
    if (/^\s*:(?:\s|$)/.test(line.slice(q))) keyEnd = q;
  } else if (!"[{&*!|>".includes(c) || (c === "?" && /\s/.test(line[i + 1] ?? " "))) {
    keyEnd = plainKeyEnd(line, i);
  }
  if (keyEnd > i) {
    const keyText = line.slice(i, keyEnd);
    const pad = /\s*$/.exec(keyText)![0];
    out.push("key", keyText.slice(0, keyText.length - pad.length));
    out.push("plain", pad);
    const colon = line.indexOf(":", keyEnd);
    out.push("plain", line.slice(keyEnd, colon));
    out.push("punct", ":");
    // Block scalar text must be indented deeper than its key.
    return value(out, line, colon + 1) === "block" ? i : undefined;
  }
  return value(out, line, i) === "block" ? itemIndent : undefined;
}

/** Splits YAML text into lines of typed tokens. Pure; safe for any input. */
export function highlightYaml(text: string): HighlightedLine[] {
  const lines = String(text ?? "").split("\n");
  const result: HighlightedLine[] = [];
  // Inside a block scalar (`key: |`), lines indented deeper than the key are its text.
  let blockIndent: number | undefined;
  for (const line of lines) {
    const out = new LineTokens();
    try {
      const indent = /^[ \t]*/.exec(line)![0].length;
      const blank = line.trim() === "";
      if (blockIndent !== undefined && (blank || indent > blockIndent)) {
        out.push("plain", line.slice(0, indent));
        out.push("string", line.slice(indent));
      } else {
        blockIndent = tokenizeLine(out, line);
      }
    } catch {
      // Defensive: highlighting must never break editing.
      out.tokens.length = 0;
      out.push("plain", line);
      blockIndent = undefined;
    }
    result.push({ tokens: out.tokens });
  }
  return result;
}
