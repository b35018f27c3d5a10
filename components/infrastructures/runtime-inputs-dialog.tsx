"use client";
// "Try runtime inputs": asks for the value of each runtime input of a saved definition, as a
// pipeline run would, and shows what the server resolves them to (or why it refuses).
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/misc";
import { RegionOptions } from "@/components/ui/region-options";
import { YamlEditor } from "@/components/yaml/yaml-editor";
import { ApiError, errorMessage } from "@/lib/http/client";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { useResolveInfrastructure, type ResolvedInfrastructureDto } from "@/lib/infrastructures/hooks";
import { runtimeInputsOf, type RuntimeInputField } from "@/lib/infrastructures/resolve";
import type { ScopeRef } from "@/lib/scope";

export function RuntimeInputsDialog({
  open,
  onOpenChange,
  scope,
  dto,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  scope: ScopeRef;
  dto: InfrastructureDto;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Try runtime inputs"
      description="Give each runtime input a value, as a pipeline run would, and see the definition Conduit resolves. Nothing is saved."
      className="w-[min(94vw,44rem)]"
    >
      {/* Keyed by version: a newer definition asks its own questions. */}
      {open && <RuntimeInputsForm key={dto.version} scope={scope} dto={dto} />}
    </Dialog>
  );
}

function RuntimeInputsForm({ scope, dto }: { scope: ScopeRef; dto: InfrastructureDto }) {
  const fields = useMemo(() => runtimeInputsOf(dto.infrastructureDefinition), [dto]);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.path, f.input.default ?? ""])),
  );
  const resolve = useResolveInfrastructure(scope);
  const [result, setResult] = useState<ResolvedInfrastructureDto>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The dialog is portalled, but React bubbles its submit to the page's forms: stop it here.
    e.stopPropagation();
    setProblem(undefined);
    setFieldErrors({});
    setResult(undefined);
    // Empty answers are left out so the server fills defaults and names missing values.
    const inputs = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
    resolve.mutate(
      { environment: dto.environment.identifier, identifier: dto.infrastructureDefinition.identifier, inputs },
      {
        onSuccess: setResult,
        onError: (err) => {
          const fe = err instanceof ApiError ? (err.problem.fieldErrors ?? {}) : {};
          setFieldErrors(fe);
          const unplaced = Object.keys(fe).filter((p) => !fields.some((f) => f.path === p));
          setProblem(
            Object.keys(fe).length && !unplaced.length
              ? "Some values were refused: see the marked fields."
              : errorMessage(err),
          );
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {fields.length === 0 ? (
        <Alert tone="info">
          This definition has no runtime inputs: every field is a fixed value or an expression. Resolving shows it as a
          run would see it.
        </Alert>
      ) : (
        fields.map((f) => (
          <InputField
            key={f.path}
            field={f}
            value={values[f.path] ?? ""}
            errors={fieldErrors[f.path]}
            onChange={(v) => setValues((s) => ({ ...s, [f.path]: v }))}
          />
        ))
      )}
      {problem && <Alert>{problem}</Alert>}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" loading={resolve.isPending}>
          Resolve
        </Button>
      </div>
      {result && (
        <div className="flex flex-col gap-2" aria-live="polite">
          <YamlEditor
            id="resolved-yaml"
            label="Resolved definition YAML"
            value={result.yaml}
            readOnly
            minRows={8}
            maxRows={24}
          />
        </div>
      )}
    </form>
  );
}

function InputField({
  field,
  value,
  errors,
  onChange,
}: {
  field: RuntimeInputField;
  value: string;
  errors?: string[];
  onChange: (v: string) => void;
}) {
  const { input } = field;
  const hint = [
    input.regex ? `Must match the regular expression ${input.regex}` : undefined,
    input.default !== undefined ? `Default: ${input.default}` : undefined,
    input.executionInput ? "Asked for during the execution" : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <Field
      label={
        <span className="inline-flex flex-wrap items-center gap-2">
          {field.label}
          <code className="font-mono text-xs font-normal text-muted">{field.text}</code>
          {input.executionInput && <Badge tone="info">Execution input</Badge>}
        </span>
      }
      error={errors?.join(" ")}
      hint={hint || undefined}
    >
      {(a) =>
        // Typed controls: a switch for the boolean field, the region list for the region, the
        // allowed values as a select; free text otherwise.
        !input.allowedValues && field.path === "allowSimultaneousDeployments" ? (
          <BooleanSwitch {...a} value={value} fallback={input.default} onChange={onChange} />
        ) : !input.allowedValues && field.path === "spec.region" ? (
          <Select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{input.default !== undefined ? `Default (${input.default})` : "Choose a region"}</option>
            <RegionOptions />
          </Select>
        ) : input.allowedValues ? (
          <Select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{input.default !== undefined ? `Default (${input.default})` : "Choose a value"}</option>
            {input.allowedValues.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            {...a}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            placeholder={input.default}
          />
        )
      }
    </Field>
  );
}

/** true/false as a switch; until it is touched the default applies ("" is sent as no value). */
function BooleanSwitch({
  value,
  fallback,
  onChange,
  ...a
}: {
  id?: string;
  value: string;
  fallback?: string;
  onChange: (v: string) => void;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}) {
  const on = (value || fallback) === "true";
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        role="switch"
        id={a.id}
        aria-checked={on}
        aria-describedby={a["aria-describedby"]}
        aria-invalid={a["aria-invalid"] || undefined}
        onClick={() => onChange(on ? "false" : "true")}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border border-border transition-colors ${on ? "bg-accent" : "bg-surface-2"}`}
      >
        <span
          aria-hidden
          className={`inline-block size-4 rounded-full bg-white shadow transition-transform ${on ? "translate-x-6" : "translate-x-1"}`}
        />
      </button>
      <span className="text-sm text-muted">
        {on ? "true" : "false"}
        {value === "" ? " (default)" : ""}
      </span>
    </div>
  );
}
