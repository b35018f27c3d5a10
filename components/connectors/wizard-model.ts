"use client";
// The connector wizard's model: which step owns which fields, DTO → form values, and mapping
// server problems back onto fields. Kept apart from the JSX so steps and pages share it.
import { createContext, useContext } from "react";
import { get, useFormContext, type FieldErrors, type UseFormReturn } from "react-hook-form";
import type { ConnectorDto } from "@/lib/connectors/dto";
import type { ConnectorFormValues, ConnectorInput } from "@/lib/connectors/schemas";
import { ApiError } from "@/lib/http/client";

export type WizardForm = UseFormReturn<ConnectorFormValues, unknown, ConnectorInput>;
export const useWizardForm = () => useFormContext<ConnectorFormValues, unknown, ConnectorInput>();

export const WIZARD_STEPS = [
  {
    id: "overview",
    label: "Overview",
    description: "Name, identifier, tags",
    fields: ["name", "identifier", "description", "tags"],
  },
  { id: "credentials", label: "Credentials", description: "How Conduit signs in", fields: ["spec.credential"] },
  {
    id: "backoff",
    label: "Backoff strategy",
    description: "Retry delays",
    fields: ["spec.awsSdkClientBackOffStrategyOverride"],
  },
  {
    id: "delegates",
    label: "Delegates",
    description: "Where it runs",
    fields: ["spec.delegateSelectors", "spec.executeOnDelegate"],
  },
  { id: "test", label: "Connection test", description: "Save and verify", fields: [] },
] as const;
export const TEST_STEP = WIZARD_STEPS.length - 1;

/** The step whose fields include `path` (dot path as in problem+json fieldErrors). */
export function stepOfPath(path: string): number | undefined {
  const i = WIZARD_STEPS.findIndex((s) => s.fields.some((f: string) => path === f || path.startsWith(`${f}.`)));
  return i === -1 ? undefined : i;
}

/** First message anywhere under an RHF error node (tags keep one node per key). */
export function firstMessage(node: unknown): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as { message?: unknown };
  if (typeof n.message === "string" && n.message) return n.message;
  for (const [k, v] of Object.entries(node)) {
    if (k === "ref" || k === "type" || k === "types") continue;
    const m = firstMessage(v);
    if (m) return m;
  }
  return undefined;
}

export const errorAt = (errors: FieldErrors<ConnectorFormValues>, path: string): string | undefined =>
  firstMessage(get(errors, path));

/** Lowest step index that holds an error, in the order the steps show their fields. */
export function firstStepWithError(errors: FieldErrors<ConnectorFormValues>): number | undefined {
  const i = WIZARD_STEPS.findIndex((s) => s.fields.some((f) => firstMessage(get(errors, f))));
  return i === -1 ? undefined : i;
}

/** The editable part of a stored connector (scope and type come from the URL and are fixed). */
export function toFormValues(dto: ConnectorDto): ConnectorFormValues {
  const { name, identifier, description, tags, spec } = dto.connector;
  return structuredClone({ name, identifier, description, tags, spec });
}

/** Tags map ↔ chips: `key:value`, or just `key` for a tag without a value (Harness allows both). */
export function tagsToItems(tags: Record<string, string> | undefined): string[] {
  return Object.entries(tags ?? {}).map(([k, v]) => (v === "" ? k : `${k}:${v}`));
}
export function itemToTag(item: string): [string, string] {
  const i = item.indexOf(":");
  return i === -1 ? [item.trim(), ""] : [item.slice(0, i).trim(), item.slice(i + 1).trim()];
}
export function itemsToTags(items: readonly string[]): Record<string, string> {
  return Object.fromEntries(items.map(itemToTag));
}

/**
 * Puts a 422's fieldErrors on the fields. Returns the step to show (the one owning the first
 * error) and the messages no field on screen can show.
 */
export function applyServerErrors(form: WizardForm, err: unknown): { step?: number; unplaced: string[] } {
  if (!(err instanceof ApiError) || !err.problem.fieldErrors) return { unplaced: [] };
  let step: number | undefined;
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(err.problem.fieldErrors)) {
    const owner = stepOfPath(path);
    const message = messages.join(" ");
    if (owner === undefined) {
      unplaced.push(path === "(root)" ? message : `${path}: ${message}`);
      continue;
    }
    // Tag errors come per key ("tags.env"); the chips have one error line for the map.
    const target = path.startsWith("tags.") ? "tags" : path;
    form.setError(target as Parameters<WizardForm["setError"]>[0], { type: "server", message });
    step = step === undefined ? owner : Math.min(step, owner);
  }
  return { step, unplaced };
}

export const formatMs = (ms: number): string => {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${s >= 100 ? Math.round(s) : Number(s.toFixed(s >= 10 ? 1 : 2))} s`;
};

/** Number inputs: empty means "not given" (undefined) so zod reports "enter …" instead of NaN. */
export const numberOrUndefined = (v: unknown): number | undefined => {
  if (v === "" || v === null || v === undefined) return undefined;
  const n = typeof v === "number" ? v : Number(v);
  return n;
};
export const textOrUndefined = (v: unknown): string | undefined =>
  v === "" || v === undefined || v === null ? undefined : String(v);

/**
 * What the user typed for an option they switched away from (another credential type, another
 * backoff strategy, the cross-account role), so switching back restores it. Lives with the
 * wizard because step components unmount on Back/Next.
 */
export class WizardStash {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
}
export const StashContext = createContext(new WizardStash());
export const useStash = () => useContext(StashContext);
