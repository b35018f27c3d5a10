"use client";
// What the connector is for: the uses from the AWS connector document (lib/aws/usages.ts), each
// optionally narrowed to named resources. The policy they need is shown as it is chosen, with the
// commands that attach it to the connector's user or role; Test connection checks exactly these.
import { useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { TagInput } from "@/components/ui/tag-input";
import { Card } from "@/components/ui/misc";
import {
  MAX_RESOURCE_NAMES,
  RESOURCE_KIND_INFO,
  USAGES,
  USAGE_IDS,
  type ResourceKind,
  type UsageId,
  type UsageSelection,
} from "@/lib/aws/usages";
import type { ScopeRef } from "@/lib/scope";
import { UsagePolicyPanel } from "../intended-uses";
import { errorAt, useWizardForm } from "../wizard-model";
import { TrustPolicyPanel } from "./trust-policy-panel";

export function UsageStep({ scope }: { scope: ScopeRef }) {
  const { control, setValue, getValues, formState } = useWizardForm();
  const usages = (useWatch({ control, name: "conduit.usages" }) ?? []) as UsageSelection[];
  const credential = useWatch({ control, name: "spec.credential" });
  const chosen = new Set(usages.map((u) => u.id));
  const set = (next: UsageSelection[]) =>
    setValue(
      "conduit",
      { ...getValues("conduit"), usages: next },
      { shouldDirty: true, shouldValidate: formState.isSubmitted },
    );
  const toggle = (id: UsageId) =>
    set(chosen.has(id) ? usages.filter((u) => u.id !== id) : [...usages, { id }].sort(byCatalogue));
  const setNames = (id: UsageId, kind: ResourceKind, names: string[]) =>
    set(
      usages.map((u) =>
        u.id === id ? { ...u, resources: { ...u.resources, [kind]: names.length ? names : undefined } } : u,
      ),
    );

  return (
    <div className="flex flex-col gap-5">
      <fieldset>
        <legend className="text-sm font-medium">Uses</legend>
        <p className="mt-0.5 text-sm text-muted">
          Optional. Every connector needs ec2:DescribeRegions; choose what else it is for.
        </p>
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {USAGE_IDS.map((id) => {
            const use = USAGES[id];
            const on = chosen.has(id);
            return (
              <label
                key={id}
                className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm ${on ? "border-accent bg-accent/5" : "border-border"}`}
              >
                <input type="checkbox" className="mt-0.5 size-4" checked={on} onChange={() => toggle(id)} />
                <span>
                  <span className="block font-medium">{use.label}</span>
                  <span className="block text-muted">{use.description}</span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>

      {usages
        .filter((u) => USAGES[u.id].resourceKinds.length > 0)
        .map((u) => {
          const index = usages.indexOf(u);
          return (
            <Card key={u.id} className="flex flex-col gap-3">
              <p className="text-sm font-medium">{USAGES[u.id].label}: resources (optional)</p>
              {USAGES[u.id].resourceKinds.map((kind) => {
                const info = RESOURCE_KIND_INFO[kind];
                return (
                  <Field
                    key={kind}
                    label={`${info.label} names`}
                    error={errorAt(formState.errors, `conduit.usages.${index}.resources.${kind}`)}
                    hint={`Press Enter after each. Without names the policy names ${info.placeholder}.`}
                  >
                    {(a) => (
                      <TagInput
                        {...a}
                        value={u.resources?.[kind] ?? []}
                        onChange={(names) => setNames(u.id, kind, names)}
                        itemLabel={info.label}
                        placeholder={info.placeholder}
                        validate={(draft, existing) =>
                          !info.pattern.test(draft)
                            ? info.rule
                            : existing.length >= MAX_RESOURCE_NAMES
                              ? `At most ${MAX_RESOURCE_NAMES} names`
                              : undefined
                        }
                      />
                    )}
                  </Field>
                );
              })}
            </Card>
          );
        })}

      <section aria-label="Policy for these uses" className="flex flex-col gap-3">
        <h3 className="text-sm font-medium">The policy these uses need</h3>
        <UsagePolicyPanel usages={usages} credential={credential} />
      </section>
      <TrustPolicyPanel scope={scope} />
    </div>
  );
}

const byCatalogue = (a: UsageSelection, b: UsageSelection) => USAGE_IDS.indexOf(a.id) - USAGE_IDS.indexOf(b.id);
