// Runtime inputs of a definition: which fields ask for a value, and the definition with the
// values given (defaults filled, allowed values / regex checked, expressions left as they are).
// Pure, so the "Try runtime inputs" dialog can list the questions without a round trip, and the
// resolve endpoint gives the answer every caller sees.
import type { FieldErrors } from "@/lib/http/errors";
import { kindOf, parseFieldValue, resolveRuntimeInput, type RuntimeInput } from "@/lib/runtime-input";
import { MULTI_TYPE_FIELDS, infrastructureInputSchema, type InfrastructureInput, type MultiTypePath } from "./schemas";

/** A definition as stored or as the form holds it: multi-type fields are strings (or a boolean). */
type Definition = Omit<InfrastructureInput, "spec" | "allowSimultaneousDeployments"> & {
  spec: Partial<Record<string, string | undefined>>;
  allowSimultaneousDeployments: boolean | string;
};

export interface RuntimeInputField {
  path: MultiTypePath;
  label: string;
  /** The field's text, e.g. `<+input>.allowedValues(dev,qa)`. */
  text: string;
  input: RuntimeInput;
}

function valueAt(def: Definition, path: MultiTypePath): string | undefined {
  if (path === "allowSimultaneousDeployments") {
    const v = def.allowSimultaneousDeployments;
    return typeof v === "string" ? v : undefined;
  }
  return def.spec[path.slice("spec.".length)];
}

/** The runtime inputs of a definition, in form order. Unparsable ones are skipped (the schema refuses them). */
export function runtimeInputsOf(def: Definition): RuntimeInputField[] {
  return MULTI_TYPE_FIELDS.flatMap(({ path, label }) => {
    const text = valueAt(def, path);
    if (text === undefined || kindOf(text) !== "runtime") return [];
    const parsed = parseFieldValue(text);
    return parsed.ok && parsed.value.kind === "runtime" ? [{ path, label, text, input: parsed.value.input }] : [];
  });
}

export type ResolveResult =
  | { ok: true; value: InfrastructureInput }
  /** `unknownInputs`: some values name no runtime input of this definition (a bad request, 400). */
  | { ok: false; fieldErrors: FieldErrors; unknownInputs: boolean };

function resolveOne(
  field: RuntimeInputField,
  provided: string | undefined,
): { ok: true; value: string | boolean } | { ok: false; message: string } {
  if (provided !== undefined && provided !== "") {
    const kind = kindOf(provided);
    if (kind === "runtime") return { ok: false, message: "Give a value here, not another runtime input" };
    // An expression is evaluated when the pipeline runs; only then can its value be checked.
    if (kind === "expression") return { ok: true, value: provided };
  }
  const r = resolveRuntimeInput(field.input, provided === "" ? undefined : provided);
  if (!r.ok) return r;
  if (field.path !== "allowSimultaneousDeployments") return r;
  if (r.value === "true" || r.value === "false") return { ok: true, value: r.value === "true" };
  return kindOf(r.value) === "expression" ? r : { ok: false, message: "Enter true or false" };
}

/**
 * The definition with every runtime input replaced by its value. All problems are reported at
 * once, at the field's path: missing values, values outside the allowed ones or not matching
 * the regex, values the field itself refuses (a namespace that is not a DNS label…), and
 * inputs for fields that are not runtime inputs.
 */
export function resolveInfrastructure(def: Definition, inputs: Record<string, string>): ResolveResult {
  const fields = runtimeInputsOf(def);
  // No prototype: an input named `constructor` or `toString` is just a key.
  const fieldErrors: FieldErrors = Object.create(null) as FieldErrors;
  const known = new Set<string>(fields.map((f) => f.path));
  let unknownInputs = false;
  for (const path of Object.keys(inputs)) {
    if (known.has(path)) continue;
    unknownInputs = true;
    const multiType = MULTI_TYPE_FIELDS.some((f) => f.path === path);
    fieldErrors[path] = [multiType ? "This field is not a runtime input in this definition" : "No such field"];
  }
  const spec: Record<string, string | undefined> = { ...def.spec };
  let allow: boolean | string = def.allowSimultaneousDeployments;
  for (const field of fields) {
    const r = resolveOne(field, inputs[field.path]);
    if (!r.ok) {
      (fieldErrors[field.path] ??= []).push(r.message);
      continue;
    }
    if (field.path === "allowSimultaneousDeployments") allow = r.value;
    else spec[field.path.slice("spec.".length)] = String(r.value);
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors, unknownInputs };
  // The field rules and the cross-field rules apply to the resolved values as to fixed ones.
  const checked = infrastructureInputSchema.safeParse({ ...def, spec, allowSimultaneousDeployments: allow });
  if (checked.success) return { ok: true, value: checked.data };
  for (const issue of checked.error.issues)
    (fieldErrors[issue.path.map(String).join(".") || "(root)"] ??= []).push(issue.message);
  return { ok: false, fieldErrors, unknownInputs: false };
}
