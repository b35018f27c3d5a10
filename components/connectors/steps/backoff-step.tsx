"use client";
import { useWatch } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { Card } from "@/components/ui/misc";
import { BACKOFF_STRATEGY_TYPES, type BackoffStrategy, type BackoffStrategyType } from "@/lib/aws/backoff";
import {
  BACKOFF_STRATEGY_INFO,
  SDK_DEFAULT_BACKOFF_INFO,
  backoffOverrideSchema,
  type BackoffOverride,
} from "@/lib/connectors/schemas";
import { DelayTable } from "../backoff-preview";
import { RadioCards } from "@/components/ui/radio-cards";
import { errorAt, useStash, useWizardForm } from "../wizard-model";
import { numberOrUndefined } from "@/components/forms/form-values";

const P = "spec.awsSdkClientBackOffStrategyOverride" as const;
const SDK = "SdkDefault";
type Choice = BackoffStrategyType | typeof SDK;

const DEFAULTS: Record<BackoffStrategyType, BackoffOverride> = {
  FixedDelayBackoffStrategy: { type: "FixedDelayBackoffStrategy", spec: { fixedBackoff: 1000, retryCount: 3 } },
  EqualJitterBackoffStrategy: {
    type: "EqualJitterBackoffStrategy",
    spec: { baseDelay: 500, maxBackoffTime: 20000, retryCount: 3 },
  },
  FullJitterBackoffStrategy: {
    type: "FullJitterBackoffStrategy",
    spec: { baseDelay: 100, maxBackoffTime: 20000, retryCount: 3 },
  },
};

const FIELDS = {
  fixedBackoff: { label: "Fixed backoff", unit: "ms", hint: "Wait before every retry." },
  baseDelay: { label: "Base delay", unit: "ms", hint: "Doubled on each retry." },
  maxBackoffTime: { label: "Max backoff time", unit: "ms", hint: "Cap on any single delay." },
  retryCount: { label: "Retry count", unit: "retries", hint: "0 to 30; attempts = retries + 1." },
} as const;
type FieldKey = keyof typeof FIELDS;

function NumberField({ name }: { name: FieldKey }) {
  const { register, formState } = useWizardForm();
  const f = FIELDS[name];
  return (
    <Field label={f.label} required error={errorAt(formState.errors, `${P}.spec.${name}`)} hint={f.hint}>
      {(a) => (
        <div className="flex items-center gap-2">
          <Input
            {...a}
            {...register(`${P}.spec.${name}`, { setValueAs: numberOrUndefined })}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            className="w-32 tabular-nums"
          />
          <span className="text-sm text-muted">{f.unit}</span>
        </div>
      )}
    </Field>
  );
}

/** SDK default or one of Harness's three strategies, with the delays the choice produces. */
export function BackoffStep() {
  const { control, getValues, setValue, unregister } = useWizardForm();
  const stash = useStash();
  const current = useWatch({ control, name: P });
  const choice: Choice = current?.type ?? SDK;
  // Only a valid override can be previewed; while typing, the last valid one would mislead.
  const parsed = current ? backoffOverrideSchema.safeParse(current) : undefined;

  const choose = (next: Choice) => {
    if (next === choice) return;
    if (current) stash.set(`backoff.${current.type}`, getValues(P));
    if (next === SDK) unregister(P);
    else setValue(P, stash.get<BackoffOverride>(`backoff.${next}`) ?? structuredClone(DEFAULTS[next]));
  };

  const fields: FieldKey[] =
    choice === SDK
      ? []
      : choice === "FixedDelayBackoffStrategy"
        ? ["fixedBackoff", "retryCount"]
        : ["baseDelay", "maxBackoffTime", "retryCount"];

  return (
    <div className="flex flex-col gap-6">
      <RadioCards<Choice>
        legend="Retry strategy for AWS calls"
        name="backoffStrategy"
        value={choice}
        onChange={choose}
        columns={2}
        options={[
          { value: SDK, label: SDK_DEFAULT_BACKOFF_INFO.label, description: SDK_DEFAULT_BACKOFF_INFO.description },
          ...BACKOFF_STRATEGY_TYPES.map((t) => ({
            value: t,
            label: BACKOFF_STRATEGY_INFO[t].label,
            description: BACKOFF_STRATEGY_INFO[t].description,
          })),
        ]}
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        {fields.length > 0 && (
          <section
            aria-label={`${BACKOFF_STRATEGY_INFO[choice as BackoffStrategyType].label} settings`}
            className="flex flex-col gap-4"
          >
            {fields.map((f) => (
              <NumberField key={`${choice}.${f}`} name={f} />
            ))}
          </section>
        )}
        <Card className={fields.length ? "" : "lg:col-span-2"}>
          <h3 className="mb-3 text-sm font-semibold">Delays between attempts</h3>
          {choice === SDK ? (
            <div className="grid gap-6 md:grid-cols-2">
              <DelayTable
                strategy={null}
                errorClass="transient"
                caption="Transient errors (timeouts, 5xx): full jitter, 100 ms base"
              />
              <DelayTable strategy={null} errorClass="throttling" caption="Throttling: equal jitter, 500 ms base" />
            </div>
          ) : parsed?.success ? (
            <DelayTable
              strategy={parsed.data as BackoffStrategy}
              caption={`${BACKOFF_STRATEGY_INFO[parsed.data.type].label}, ${parsed.data.spec.retryCount} retries`}
            />
          ) : (
            <p className="text-sm text-muted">Enter valid values to see the delays.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
