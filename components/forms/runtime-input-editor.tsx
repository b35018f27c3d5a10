"use client";
// The small editor behind a runtime input's "Edit" button: default, allowed values OR regex,
// and "ask at execution time". It edits a RuntimeInput and hands back its canonical string.
import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import {
  formatRuntimeInput,
  parseFieldValue,
  regexProblem,
  runtimeInputProblem,
  type RuntimeInput,
} from "@/lib/runtime-input";

type Restriction = "none" | "allowed" | "regex";

interface Draft {
  default: string;
  restriction: Restriction;
  allowed: string[];
  regex: string;
  executionInput: boolean;
}

function toDraft(text: string): { draft: Draft; unreadable?: string } {
  const r = parseFieldValue(text);
  const input: RuntimeInput = r.ok && r.value.kind === "runtime" ? r.value.input : { executionInput: false };
  return {
    draft: {
      default: input.default ?? "",
      restriction: input.allowedValues ? "allowed" : input.regex !== undefined ? "regex" : "none",
      allowed: input.allowedValues ?? [],
      regex: input.regex ?? "",
      executionInput: input.executionInput,
    },
    unreadable: r.ok ? undefined : r.message,
  };
}

/** An empty default means "no default"; the restriction not chosen is dropped. */
function toInput(d: Draft): RuntimeInput {
  const input: RuntimeInput = { executionInput: d.executionInput };
  if (d.default !== "") input.default = d.default;
  if (d.restriction === "allowed") input.allowedValues = d.allowed;
  if (d.restriction === "regex") input.regex = d.regex;
  return input;
}

const PROBLEM_TEXT: Record<string, string> = {
  "`.allowedValues()` needs at least one value": "Add at least one allowed value, or choose another restriction.",
  "`.regex()` needs a pattern": "Enter a regular expression, or choose another restriction.",
  "default is not one of the allowed values": "The default must be one of the allowed values.",
  "default does not match the regex": "The default does not match the regular expression.",
};

export function RuntimeInputDialog({
  open,
  onOpenChange,
  fieldLabel,
  value,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  fieldLabel: string;
  value: string;
  onSave: (text: string) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Runtime input: ${fieldLabel}`}
      description="The value is asked for when a pipeline that uses this runs."
    >
      {/* Mounted only while open, so each opening starts from the stored value. */}
      <RuntimeInputEditor value={value} onCancel={() => onOpenChange(false)} onSave={onSave} />
    </Dialog>
  );
}

function RuntimeInputEditor({
  value,
  onCancel,
  onSave,
}: {
  value: string;
  onCancel: () => void;
  onSave: (text: string) => void;
}) {
  const [{ draft: initial, unreadable }] = useState(() => toDraft(value));
  const [d, setD] = useState(initial);
  const [newValue, setNewValue] = useState("");
  const [problem, setProblem] = useState<string>();
  const id = useId();
  const set = (patch: Partial<Draft>) => {
    setD((old) => ({ ...old, ...patch }));
    setProblem(undefined);
  };

  const input = toInput(d);
  const inputProblem = runtimeInputProblem(input);
  const regexError = d.restriction === "regex" && d.regex !== "" ? regexProblem(d.regex) : undefined;

  const add = () => {
    const v = newValue.trim();
    if (v === "") return;
    if (d.allowed.includes(v)) {
      setProblem(`"${v}" is already in the list.`);
      return;
    }
    set({ allowed: [...d.allowed, v] });
    setNewValue("");
  };
  const save = () => {
    if (inputProblem) setProblem(PROBLEM_TEXT[inputProblem] ?? inputProblem);
    else onSave(formatRuntimeInput(input));
  };
  const enterSaves = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      save();
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {unreadable && (
        <p role="status" className="rounded-md border border-warning/40 bg-warning/10 p-2 text-sm text-warning">
          The stored text could not be read ({unreadable}). Saving replaces it.
        </p>
      )}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-default`} className="text-sm font-medium">
          Default value <span className="font-normal text-muted">(optional)</span>
        </label>
        <Input
          id={`${id}-default`}
          value={d.default}
          onChange={(e) => set({ default: e.target.value })}
          onKeyDown={enterSaves}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          aria-describedby={`${id}-default-hint`}
        />
        <p id={`${id}-default-hint`} className="text-xs text-muted">
          Used when no value is given.
        </p>
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Restrict the value</legend>
        {(
          [
            ["none", "Any value"],
            ["allowed", "Allowed values"],
            ["regex", "Regular expression"],
          ] as const
        ).map(([r, text]) => (
          <label key={r} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-restriction`}
              value={r}
              checked={d.restriction === r}
              onChange={() => set({ restriction: r })}
              className="size-4 accent-[var(--accent)]"
            />
            {text}
          </label>
        ))}
      </fieldset>

      {d.restriction === "allowed" && (
        <div className="flex flex-col gap-2 border-l-2 border-border pl-4">
          <label htmlFor={`${id}-new`} className="text-sm font-medium">
            Allowed value
          </label>
          <div className="flex gap-2">
            <Input
              id={`${id}-new`}
              value={newValue}
              onChange={(e) => setNewValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
            <Button onClick={add} disabled={newValue.trim() === ""}>
              Add
            </Button>
          </div>
          {d.allowed.length === 0 ? (
            <p className="text-sm text-muted">No allowed values yet.</p>
          ) : (
            <ul aria-label="Allowed values" className="flex flex-col gap-1">
              {d.allowed.map((v, i) => (
                <li
                  key={v}
                  className="flex items-center justify-between gap-2 rounded-md border border-border bg-surface-2 px-2 py-1"
                >
                  <span className="break-all font-mono text-sm">{v}</span>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove allowed value ${v}`}
                    onClick={() => set({ allowed: d.allowed.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {d.restriction === "regex" && (
        <div className="flex flex-col gap-1.5 border-l-2 border-border pl-4">
          <label htmlFor={`${id}-regex`} className="text-sm font-medium">
            Regular expression
          </label>
          <Input
            id={`${id}-regex`}
            value={d.regex}
            onChange={(e) => set({ regex: e.target.value })}
            onKeyDown={enterSaves}
            aria-invalid={Boolean(regexError)}
            aria-describedby={`${id}-regex-hint`}
            autoComplete="off"
            spellCheck={false}
            placeholder="^[a-z0-9-]+$"
            className="font-mono"
          />
          <p id={`${id}-regex-hint`} className={regexError ? "text-sm text-danger" : "text-xs text-muted"}>
            {regexError
              ? `Not a valid regular expression: ${regexError.replace(/^invalid regex: /, "")}`
              : "The whole value must match (RE2 syntax: no backreferences or lookaround)."}
          </p>
        </div>
      )}

      <div className="flex items-start gap-3">
        <input
          id={`${id}-exec`}
          type="checkbox"
          checked={d.executionInput}
          onChange={(e) => set({ executionInput: e.target.checked })}
          aria-describedby={`${id}-exec-hint`}
          className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
        />
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-exec`} className="text-sm font-medium">
            Ask at execution time
          </label>
          <p id={`${id}-exec-hint`} className="text-xs text-muted">
            The execution pauses at this step and asks for the value, instead of asking when the pipeline starts.
          </p>
        </div>
      </div>

      <div className="flex flex-col gap-1">
        <span className="text-xs font-medium text-muted">Stored as</span>
        <code className="break-all rounded-md bg-surface-2 px-2 py-1.5 font-mono text-xs" aria-live="polite">
          {inputProblem ? "—" : formatRuntimeInput(input)}
        </code>
      </div>

      {problem && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 p-2 text-sm text-danger">
          {problem}
        </p>
      )}

      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="primary" onClick={save}>
          Save
        </Button>
      </div>
    </div>
  );
}
