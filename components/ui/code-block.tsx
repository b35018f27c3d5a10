"use client";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/**
 * A labelled block of text to copy (a policy, commands): the copy button beside the label, and a
 * scroll box a keyboard can reach (tabIndex 0) when the text is wider or taller than the page.
 */
export function CodeBlock({
  label,
  text,
  name = typeof label === "string" ? label : undefined,
  copyLabel = `Copy the ${String(name ?? "text").toLowerCase()}`,
  actions,
  tall = true,
}: {
  label: ReactNode;
  /** The block's accessible name; the label when it is text. */
  name?: string;
  text: string;
  copyLabel?: string;
  /** More buttons beside Copy (Download). */
  actions?: ReactNode;
  /** Cap the height (policies); commands are short and show whole. */
  tall?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-xs font-medium text-muted">{label}</span>
        <span className="flex gap-2">
          <CopyButton text={text} label={copyLabel} />
          {actions}
        </span>
      </div>
      <pre
        tabIndex={0}
        aria-label={name}
        className={`overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs ${tall ? "max-h-72" : ""}`}
      >
        {text}
      </pre>
    </div>
  );
}
