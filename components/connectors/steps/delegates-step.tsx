"use client";
import { Controller, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/misc";
import { DEFAULT_CHECK_MINUTES } from "@/lib/connectors/periodic-check";
import { useDelegateMatch } from "@/lib/delegates/hooks";
import type { ScopeRef } from "@/lib/scope";
import { Field, Input } from "@/components/ui/field";
import { TagInput } from "@/components/ui/tag-input";
import { RadioCards } from "@/components/ui/radio-cards";
import { errorAt, useStash, useWizardForm } from "../wizard-model";

export type DelegateMode = "any" | "tags";

/**
 * Which delegates may run the connector's calls. "Any" stores an empty selector list; the
 * connector always executes on a delegate (`executeOnDelegate` stays true).
 */
export function DelegatesStep({
  scope,
  mode,
  onModeChange,
}: {
  scope: ScopeRef;
  mode: DelegateMode;
  onModeChange: (mode: DelegateMode) => void;
}) {
  const { control, getValues, setValue, clearErrors, formState } = useWizardForm();
  const stash = useStash();
  const selectors = (useWatch({ control, name: "spec.delegateSelectors" }) ?? []) as string[];

  const changeMode = (next: DelegateMode) => {
    if (next === "any") {
      stash.set("delegateSelectors", getValues("spec.delegateSelectors"));
      setValue("spec.delegateSelectors", []);
      clearErrors("spec.delegateSelectors");
    } else {
      setValue("spec.delegateSelectors", stash.get<string[]>("delegateSelectors") ?? []);
    }
    onModeChange(next);
  };

  return (
    <div className="flex flex-col gap-5">
      <RadioCards<DelegateMode>
        legend="Delegates"
        hideLegend
        name="delegateMode"
        value={mode}
        onChange={changeMode}
        options={[
          {
            value: "any",
            label: "Connect through any available delegate",
            description: "Conduit picks whichever delegate is free.",
          },
          {
            value: "tags",
            label: "Only delegates with all of these tags",
            description: "Useful when only some delegates can reach the account, for example the ones inside a VPC.",
          },
        ]}
      />
      {mode === "tags" && (
        <Field
          label="Delegate selectors"
          required
          error={errorAt(formState.errors, "spec.delegateSelectors")}
          hint="A delegate qualifies only if it has every tag listed. Press Enter after each tag."
        >
          {(a) => (
            <Controller
              control={control}
              name="spec.delegateSelectors"
              render={({ field }) => (
                <TagInput
                  {...a}
                  value={field.value ?? []}
                  onChange={(next) => {
                    field.onChange(next);
                    if (next.length) clearErrors("spec.delegateSelectors");
                  }}
                  onBlur={field.onBlur}
                  itemLabel="delegate selector"
                  placeholder="Add a tag, e.g. vpc-prod"
                  validate={(s) => (s.length > 128 ? "At most 128 characters" : undefined)}
                />
              )}
            />
          )}
        </Field>
      )}
      <DelegateMatchNote scope={scope} selectors={mode === "tags" ? selectors : []} />
      <PeriodicCheckFields />
    </div>
  );
}

/** How often the connector is re-tested in the background (the console's default until set). */
function PeriodicCheckFields() {
  const { control, setValue, getValues, formState } = useWizardForm();
  const check = useWatch({ control, name: "conduit.periodicCheck" });
  const enabled = check?.enabled ?? true;
  const minutes = check?.intervalMinutes ?? DEFAULT_CHECK_MINUTES;
  const set = (next: { enabled: boolean; intervalMinutes: number }) =>
    setValue("conduit", { usages: [], ...getValues("conduit"), periodicCheck: next }, { shouldDirty: true });
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-border p-4">
      <legend className="px-1 text-sm font-medium">Periodic check</legend>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={enabled}
          onChange={(e) => set({ enabled: e.target.checked, intervalMinutes: minutes })}
        />
        <span>
          <span className="block font-medium">Test this connector on a schedule</span>
          <span className="block text-muted">
            A matching delegate runs its connection test in the background; the connector list shows when it started
            failing, and the change is recorded in the audit log.
          </span>
        </span>
      </label>
      {enabled && (
        <Field
          label="Minutes between checks"
          error={errorAt(formState.errors, "conduit.periodicCheck.intervalMinutes")}
          hint="From 1 to 1440 (once a day)."
          className="max-w-48"
        >
          {(a) => (
            <Input
              {...a}
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              value={Number.isFinite(minutes) ? minutes : ""}
              onChange={(e) => set({ enabled, intervalMinutes: e.target.valueAsNumber })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}

/** How many connected delegates could run this connector's work, as the selectors are typed. */
function DelegateMatchNote({ scope, selectors }: { scope: ScopeRef; selectors: string[] }) {
  const match = useDelegateMatch(scope, selectors);
  if (!match.data) return null;
  const { connected, matching } = match.data;
  const names = matching.map((m) => m.name).join(", ");
  if (matching.length === 0)
    return (
      <Alert tone="warning" title="No connected delegate matches">
        {connected === 0
          ? "No delegate is connected. Tests and lookups for this connector will wait for one; start a delegate from the Delegates page."
          : `None of the ${connected} connected delegate${connected === 1 ? " has" : "s have"} all of these tags. You can save the connector, but its tests and lookups cannot run until a delegate with these tags connects.`}
      </Alert>
    );
  return (
    <p role="status" className="text-sm text-muted">
      <span className="font-medium text-fg">
        {matching.length} connected delegate{matching.length === 1 ? " matches" : "s match"}
      </span>
      {selectors.length === 0 ? ` (${connected} connected): ` : ": "}
      {names}
    </p>
  );
}
