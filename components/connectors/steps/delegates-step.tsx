"use client";
import { Controller } from "react-hook-form";
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
  mode,
  onModeChange,
}: {
  mode: DelegateMode;
  onModeChange: (mode: DelegateMode) => void;
}) {
  const { control, getValues, setValue, clearErrors, formState } = useWizardForm();
  const stash = useStash();

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
    </div>
  );
}
