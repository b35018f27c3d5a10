"use client";
// A YAML editor without an editor package: a transparent <textarea> (which keeps native
// editing, undo, IME and screen-reader support) layered exactly over a highlighted <pre>.
// Both use the same font, line height, padding and no wrapping, and the <pre> and the gutter
// follow the textarea's scroll position.
import { useId, useMemo, useRef, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { cn } from "./cn";
import { highlightYaml, type YamlTokenType } from "./yaml-highlight";

const tokenClass: Record<YamlTokenType, string | undefined> = {
  plain: undefined,
  key: "text-accent",
  string: "text-success",
  number: "text-warning",
  literal: "text-[#8250df] dark:text-[#c4a1ff]",
  comment: "text-muted italic",
  dash: "text-muted font-semibold",
  punct: "text-muted",
  meta: "text-[#8250df] dark:text-[#c4a1ff] italic",
};

// Shared by the textarea and the <pre>: any difference here shows up as a misaligned caret.
const text = "font-mono text-[13px] leading-5 [tab-size:2] whitespace-pre";
const LINE_PX = 20;
const PAD_Y = 8;
const INDENT = "  ";
// The <pre> and gutter get this much extra room so they can always scroll as far as the
// textarea, whose scrollbars take space the <pre> does not have.
const OVERSCROLL = 32;

export interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** 1-based line to mark as wrong (e.g. from a YAML parse error). */
  errorLine?: number;
  /** Accessible name when no <label htmlFor={id}> names the editor. */
  label?: string;
  id?: string;
  minRows?: number;
  maxRows?: number;
  className?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

function Lines({ value, errorLine }: { value: string; errorLine?: number }) {
  const lines = useMemo(() => highlightYaml(value), [value]);
  return lines.map((line, i) => (
    <div key={i} className={cn("h-5 pr-6", i + 1 === errorLine && "bg-danger/15")}>
      {line.tokens.map((t, j) => (
        <span key={j} className={tokenClass[t.type]}>
          {t.text}
        </span>
      ))}
    </div>
  ));
}

function Gutter({
  count,
  errorLine,
  innerRef,
  overscroll = 0,
}: {
  count: number;
  errorLine?: number;
  innerRef?: Ref<HTMLDivElement>;
  overscroll?: number;
}) {
  return (
    <div
      ref={innerRef}
      aria-hidden
      className={cn(
        text,
        "shrink-0 select-none overflow-hidden border-r border-border bg-surface-2 text-right text-muted tabular-nums",
      )}
    >
      <div style={{ paddingTop: PAD_Y, paddingBottom: PAD_Y + overscroll }}>
        {Array.from({ length: count }, (_, i) => (
          <div
            key={i}
            className={cn(
              "h-5 pl-3 pr-2",
              i + 1 === errorLine && "bg-danger/15 font-semibold text-danger shadow-[inset_3px_0_0_var(--danger)]",
            )}
            title={i + 1 === errorLine ? `Error on line ${i + 1}` : undefined}
          >
            {i + 1}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Lines [start, end) of the selection, expanded to whole lines. */
function selectedLines(value: string, start: number, end: number) {
  const from = value.lastIndexOf("\n", start - 1) + 1;
  // A selection ending right after a newline does not include the next line.
  const stop = end > start && value[end - 1] === "\n" ? end - 1 : end;
  const nl = value.indexOf("\n", stop);
  return { from, to: nl === -1 ? value.length : nl };
}

export function CodeEditor({
  value,
  onChange,
  readOnly,
  errorLine,
  label,
  id,
  minRows = 8,
  maxRows = 30,
  className,
  "aria-invalid": ariaInvalid,
  "aria-describedby": describedBy,
}: CodeEditorProps) {
  const hintId = useId();
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const preRef = useRef<HTMLPreElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  // Set by Escape: the next Tab moves focus instead of indenting (keyboard users must not be trapped).
  const escaped = useRef(false);
  const lineCount = value.split("\n").length;
  const marked = errorLine !== undefined && errorLine >= 1 && errorLine <= lineCount ? errorLine : undefined;

  if (readOnly) {
    return (
      <div
        id={id}
        role="region"
        aria-label={label ?? "YAML"}
        aria-describedby={describedBy}
        tabIndex={0}
        className={cn("flex max-h-[36rem] overflow-auto rounded-md border border-border bg-surface", className)}
      >
        <div className="sticky left-0 z-10 flex">
          <Gutter count={lineCount} errorLine={marked} />
        </div>
        <pre className={cn(text, "m-0 min-w-0 flex-1 py-2 pl-3 text-fg")}>
          <code className="block w-max min-w-full">
            <Lines value={value} errorLine={marked} />
          </code>
        </pre>
      </div>
    );
  }

  const rows = Math.min(Math.max(lineCount, minRows), Math.max(minRows, maxRows));
  // +16 leaves room for a horizontal scrollbar under the last line.
  const height = rows * LINE_PX + PAD_Y * 2 + 16;

  const syncScroll = () => {
    const a = areaRef.current;
    if (!a) return;
    if (preRef.current) {
      preRef.current.scrollTop = a.scrollTop;
      preRef.current.scrollLeft = a.scrollLeft;
    }
    if (gutterRef.current) gutterRef.current.scrollTop = a.scrollTop;
  };

  /** Replaces [from, to) and keeps the browser's undo history where it can. */
  const replace = (a: HTMLTextAreaElement, from: number, to: number, insert: string, select?: [number, number]) => {
    a.setSelectionRange(from, to);
    // execCommand keeps Ctrl+Z working and fires a normal input event (so onChange runs).
    const done = typeof document.execCommand === "function" && document.execCommand("insertText", false, insert);
    if (!done) {
      a.setRangeText(insert, from, to, "end");
      onChange?.(a.value);
    }
    if (select) a.setSelectionRange(select[0], select[1]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Escape") {
      escaped.current = true;
      return;
    }
    if (e.key === "Shift" || e.key === "Control" || e.key === "Alt" || e.key === "Meta") return;
    if (e.key !== "Tab" || e.ctrlKey || e.metaKey || e.altKey || escaped.current) {
      escaped.current = false;
      return;
    }
    e.preventDefault();
    const a = e.currentTarget;
    const { selectionStart: s, selectionEnd: end } = a;
    const multiLine = value.slice(s, end).includes("\n");
    if (!e.shiftKey && !multiLine) return replace(a, s, end, INDENT);
    // Indent or outdent every selected line, then keep those lines selected.
    const { from, to } = selectedLines(value, s, end);
    const block = value.slice(from, to).split("\n");
    const changed = block.map((l) => (e.shiftKey ? l.replace(/^ {1,2}|^\t/, "") : INDENT + l)).join("\n");
    if (changed === value.slice(from, to)) return;
    if (multiLine) replace(a, from, to, changed, [from, from + changed.length]);
    else {
      const removed = value.slice(from, to).length - changed.length;
      replace(a, from, to, changed, [Math.max(from, s - removed), Math.max(from, end - removed)]);
    }
  };

  const hint: ReactNode = (
    <>
      Tab inserts two spaces and Shift+Tab removes them. To leave the editor with the keyboard, press Escape, then Tab.
      {marked !== undefined && <span className="sr-only"> Line {marked} has an error.</span>}
    </>
  );

  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <div
        className={cn(
          "relative flex overflow-hidden rounded-md border border-border bg-surface focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus",
          ariaInvalid && "border-danger",
        )}
        style={{ height }}
      >
        <Gutter count={lineCount} errorLine={marked} innerRef={gutterRef} overscroll={OVERSCROLL} />
        <div className="relative min-w-0 flex-1">
          <pre
            ref={preRef}
            aria-hidden
            className={cn(text, "pointer-events-none absolute inset-0 m-0 overflow-hidden text-fg")}
          >
            <code
              className="block w-max min-w-full pl-3 pr-8"
              style={{ paddingTop: PAD_Y, paddingBottom: PAD_Y + OVERSCROLL }}
            >
              <Lines value={value} errorLine={marked} />
            </code>
          </pre>
          <textarea
            ref={areaRef}
            id={id}
            value={value}
            onChange={(e) => onChange?.(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => (escaped.current = false)}
            onScroll={syncScroll}
            aria-label={label}
            aria-invalid={ariaInvalid || undefined}
            aria-describedby={[describedBy, hintId].filter(Boolean).join(" ")}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            className={cn(
              text,
              "absolute inset-0 m-0 resize-none overflow-auto border-0 bg-transparent pl-3 pr-6 text-transparent caret-fg selection:bg-accent/25 selection:text-transparent",
            )}
            // Inline, because the global :focus-visible outline would beat a utility class; the
            // frame around the editor shows focus instead.
            style={{ paddingTop: PAD_Y, paddingBottom: PAD_Y, outline: "none" }}
          />
        </div>
      </div>
      <p id={hintId} className="text-xs text-muted">
        {hint}
      </p>
    </div>
  );
}
