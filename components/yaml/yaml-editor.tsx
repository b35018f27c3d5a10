"use client";
// A YAML document in CodeMirror 6 (components/yaml/codemirror.ts), imported only once this
// component mounts: pages without a YAML editor never download it, and until it arrives the
// text shows as plain preformatted lines in the same frame.
import { useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import type { YamlEditorHandle } from "./codemirror";
import type { YamlIssueMark } from "./yaml-issues";

export interface YamlEditorProps {
  /** The editable element's id. */
  id?: string;
  /** Shown above the editor; names the region and the textbox for screen readers. */
  label: string;
  value: string;
  onChange?: (value: string) => void;
  /** Focusable, selectable and searchable, but not editable. */
  readOnly?: boolean;
  /** Problems to show as diagnostics on their lines (from a refused save). */
  issues?: readonly YamlIssueMark[];
  /** Marks the editor as holding a refused document even when no line is known. */
  invalid?: boolean;
  minRows?: number;
  maxRows?: number;
  className?: string;
  "aria-describedby"?: string;
}

const NO_ISSUES: readonly YamlIssueMark[] = [];

export function YamlEditor({
  id,
  label,
  value,
  onChange,
  readOnly = false,
  issues = NO_ISSUES,
  invalid,
  minRows = 8,
  maxRows = 30,
  className,
  "aria-describedby": describedBy,
}: YamlEditorProps) {
  const labelId = useId();
  const hintId = useId();
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<YamlEditorHandle | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const isInvalid = Boolean(invalid) || issues.length > 0;
  const attributes: Record<string, string> = {
    ...(id ? { id } : {}),
    // Focusable already (contenteditable); said explicitly so checkers such as axe see that the
    // scrolling editor has keyboard access.
    tabindex: "0",
    "aria-labelledby": labelId,
    "aria-describedby": [describedBy, hintId].filter(Boolean).join(" "),
    ...(isInvalid ? { "aria-invalid": "true" } : {}),
  };
  const attributesKey = JSON.stringify(attributes);
  // What the editor is created with, read by the effect that loads it.
  const latest = useRef({ value, readOnly, onChange, attributes });
  useEffect(() => {
    latest.current = { value, readOnly, onChange, attributes };
  });

  useEffect(() => {
    let cancelled = false;
    import("./codemirror").then(
      ({ createYamlEditor }) => {
        if (cancelled || !host.current) return;
        const init = latest.current;
        handle.current = createYamlEditor({
          parent: host.current,
          value: init.value,
          readOnly: init.readOnly,
          attributes: init.attributes,
          onChange: (text) => latest.current.onChange?.(text),
        });
        setLoaded(true);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, []);

  useEffect(() => handle.current?.setValue(value), [value, loaded]);
  useEffect(() => handle.current?.setReadOnly(readOnly), [readOnly, loaded]);
  useEffect(() => handle.current?.setIssues(issues), [issues, loaded]);
  useEffect(() => {
    handle.current?.setAttributes(JSON.parse(attributesKey) as Record<string, string>);
  }, [attributesKey, loaded]);

  const rows = { "--cm-min-rows": minRows, "--cm-max-rows": maxRows } as CSSProperties;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <div id={labelId} className="text-sm font-medium" onClick={() => handle.current?.view.focus()}>
        {label}
      </div>
      <div
        role="region"
        aria-labelledby={labelId}
        aria-busy={!loaded && !failed}
        style={rows}
        className={cn(
          "min-w-0 overflow-hidden rounded-md border border-border bg-surface focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus",
          isInvalid && "border-danger",
        )}
      >
        {!loaded && (
          // Until CodeMirror arrives (or if it cannot): the same text, same font and line height.
          <pre
            className="m-0 overflow-auto whitespace-pre py-2 pl-3 pr-6 font-mono text-[13px] leading-5 text-fg"
            style={{ minHeight: `${minRows * 20 + 18}px`, maxHeight: `${maxRows * 20 + 18}px` }}
          >
            {value}
          </pre>
        )}
        <div ref={host} />
      </div>
      <p id={hintId} className="text-xs text-muted">
        {failed
          ? "The editor could not be loaded: reload the page to edit or search."
          : readOnly
            ? "Ctrl+F (⌘F on a Mac) searches; the arrows beside the line numbers fold a section."
            : "Tab indents and Shift+Tab outdents; to leave the editor with the keyboard, press Escape, then Tab. Ctrl+F (⌘F) searches."}
        {issues.length > 0 && (
          <span className="sr-only"> {issues.map((i) => `Line ${i.line} has an error: ${i.message}`).join(". ")}</span>
        )}
      </p>
    </div>
  );
}
