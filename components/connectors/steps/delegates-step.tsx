"use client";
import { Controller, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/misc";
import { useDelegateMatch } from "@/lib/delegates/hooks";
import type { ScopeRef } from "@/lib/scope";
import { Field } from "@/components/ui/field";
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
    </div>
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
