"use client";
import { get, useWatch } from "react-hook-form";
import { Field, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { RegionOptions } from "@/components/ui/region-options";
import { partitionOf } from "@/lib/aws/partitions";
import { errorAt, useWizardForm } from "../wizard-model";

const ROLE_PATHS = [
  "spec.credential.crossAccountAccess.crossAccountRoleArn",
  "spec.credential.spec.iamRoleArn",
] as const;

/** The region the connection test calls, grouped by partition; other partitions get a note. */
export function RegionField() {
  const { control, register, trigger, formState } = useWizardForm();
  const region = useWatch({ control, name: "spec.credential.region" }) ?? "us-east-1";
  const partition = partitionOf(region);
  const field = register("spec.credential.region", {
    // A role ARN's partition error depends on the region: re-check it when the region changes.
    onChange: () => {
      const shown = ROLE_PATHS.filter((p) => get(formState.errors, p) || get(formState.touchedFields, p));
      if (shown.length) void trigger([...shown]);
    },
  });

  return (
    <div className="flex flex-col gap-3">
      <Field
        label="Test region"
        required
        error={errorAt(formState.errors, "spec.credential.region")}
        hint="The connection test calls STS and EC2 in this region. It also decides the partition the credentials and roles must belong to."
      >
        {(a) => (
          <Select {...a} {...field}>
            <RegionOptions />
          </Select>
        )}
      </Field>
      {partition === "aws-us-gov" && (
        <Alert tone="warning" title="GovCloud is a separate partition">
          Use access keys from a GovCloud account and roles whose ARNs start with{" "}
          <code className="whitespace-nowrap font-mono">arn:aws-us-gov:</code>. Commercial keys and{" "}
          <code className="font-mono">arn:aws:</code> roles are refused there.
        </Alert>
      )}
      {partition === "aws-cn" && (
        <Alert tone="warning" title="China is a separate partition">
          Use credentials from an AWS China account and roles whose ARNs start with{" "}
          <code className="whitespace-nowrap font-mono">arn:aws-cn:</code>.
        </Alert>
      )}
    </div>
  );
}
