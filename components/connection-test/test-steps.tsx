"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import type { StepEvent } from "@/lib/steps/types";

const marks: Record<StepEvent["status"], { sign: string; tone: string; label: string }> = {
  pending: { sign: "○", tone: "text-muted", label: "Waiting" },
  running: { sign: "", tone: "text-accent", label: "Running" },
  passed: { sign: "✓", tone: "text-success", label: "Passed" },
  failed: { sign: "✕", tone: "text-danger", label: "Failed" },
  skipped: { sign: "–", tone: "text-muted", label: "Skipped" },
};

/** Commands for what a skipped step could not verify from AWS (its `data.commands`). */
const checkCommandsOf = (s: StepEvent): string[] =>
  s.status === "skipped" && Array.isArray(s.data?.commands)
    ? s.data.commands.filter((c): c is string => typeof c === "string")
    : [];

function CommandBlock({ command, label, copyLabel }: { command: string; label: string; copyLabel: string }) {
  return (
    <div className="mt-2 flex items-start gap-2">
      <pre
        aria-label={label}
        tabIndex={0}
        className="min-w-0 flex-1 overflow-x-auto rounded bg-surface p-2 font-mono text-xs"
      >
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label={copyLabel} />
    </div>
  );
}

function StepRow({ s }: { s: StepEvent }) {
  const m = marks[s.status];
  const policy = s.hint?.policy ? JSON.stringify(s.hint.policy, null, 2) : undefined;
  const checks = checkCommandsOf(s);
  return (
    <li className="flex gap-3 py-3" aria-label={`${s.title}: ${m.label}`} data-step={s.step} data-status={s.status}>
      <span className={cn("mt-0.5 grid size-5 shrink-0 place-items-center font-bold", m.tone)} aria-hidden>
        {s.status === "running" ? <Spinner className="size-4" /> : m.sign}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <p className={cn("font-medium", s.status === "pending" || s.status === "skipped" ? "text-muted" : "")}>
            {s.title}
          </p>
          <p className="text-xs text-muted">
            <span className={m.tone}>{m.label}</span>
            {s.durationMs !== undefined && ` · ${s.durationMs} ms`}
            {s.retries > 0 && ` · ${s.retries} ${s.retries === 1 ? "retry" : "retries"}`}
          </p>
        </div>
        {s.detail && <p className="mt-0.5 break-words text-sm text-muted">{s.detail}</p>}
        {s.retryReasons && (
          <ul className="mt-1 list-inside list-disc text-xs text-muted" aria-label="Retries">
            {s.retryReasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
        {(s.awsRequestId || s.errorCode) && (
          <p className="mt-1 font-mono text-xs text-muted">
            {s.errorCode && <>code {s.errorCode}</>}
            {s.errorCode && s.awsRequestId && " · "}
            {s.awsRequestId && <>request {s.awsRequestId}</>}
          </p>
        )}
        {s.hint && (
          <div
            className="mt-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
            role="note"
            aria-label="How to fix"
          >
            <p>{s.hint.text}</p>
            {policy && (
              <div className="mt-2">
                <div className="flex items-center justify-between">
                  <span className="text-xs font-medium text-muted">IAM policy</span>
                  <CopyButton text={policy} label={`Copy the policy for ${s.title}`} />
                </div>
                <pre
                  tabIndex={0}
                  aria-label={`IAM policy for ${s.title}`}
                  className="mt-1 max-h-64 overflow-auto rounded bg-surface p-2 font-mono text-xs"
                >
                  {policy}
                </pre>
              </div>
            )}
            {s.hint.commands?.map((command, i, all) => (
              <CommandBlock
                key={i}
                command={command}
                label={all.length === 1 ? "Command that fixes it" : `Command ${i + 1} of ${all.length} that fixes it`}
                copyLabel={all.length === 1 ? "Copy the command" : `Copy command ${i + 1}`}
              />
            ))}
          </div>
        )}
        {checks.length > 0 && (
          <div
            className="mt-2 rounded-md border border-border bg-surface-2 p-3 text-sm"
            role="note"
            aria-label="How to check"
          >
            <p className="text-muted">Conduit could not verify this from AWS. The commands for it:</p>
            {checks.map((command, i, all) => (
              <CommandBlock
                key={i}
                command={command}
                label={all.length === 1 ? "Command for this step" : `Command ${i + 1} of ${all.length} for this step`}
                copyLabel={all.length === 1 ? "Copy the command for this step" : `Copy command ${i + 1} for this step`}
              />
            ))}
          </div>
        )}
      </div>
    </li>
  );
}

export function TestSteps({ steps, label = "Connection test steps" }: { steps: StepEvent[]; label?: string }) {
  return (
    <ol className="divide-y divide-border" aria-label={label} aria-live="polite">
      {steps.map((s) => (
        <StepRow key={s.step} s={s} />
      ))}
    </ol>
  );
}
