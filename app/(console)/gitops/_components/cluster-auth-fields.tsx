"use client";
import { Controller, get, useWatch, type UseFormReturn } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import { RadioCardsField } from "@/components/forms/radio-cards-field";
import { TextField } from "@/components/forms/text-field";
import { SecretPicker } from "@/components/secrets/secret-picker";
import { Field, Select } from "@/components/ui/field";
import { RegionOptions } from "@/components/ui/region-options";
import {
  CLUSTER_AUTH_INFO,
  CLUSTER_AUTH_TYPES,
  type ClusterAuthType,
  type GitopsClusterFormValues,
  type GitopsClusterInput,
} from "@/lib/gitops/schemas";
import type { ScopeRef } from "@/lib/scope";

export const EMPTY_AUTH: Record<ClusterAuthType, GitopsClusterFormValues["spec"]["authentication"]> = {
  IRSA: { type: "IRSA", spec: { roleArn: "", clusterName: "", region: "us-east-1" } },
  BearerToken: { type: "BearerToken", spec: { tokenRef: "" } },
};

/** How the agent authenticates to the cluster: an IRSA deployer role, or a bearer token secret. */
export function ClusterAuthFields({
  form,
  scope,
}: {
  form: UseFormReturn<GitopsClusterFormValues, unknown, GitopsClusterInput>;
  scope: ScopeRef;
}) {
  const { register, control, formState, setValue } = form;
  const authType = useWatch({ control, name: "spec.authentication.type" });
  // The auth spec is a union: its fields' errors are read by path, not through the typed tree.
  const errorAt = (field: string) => firstMessage(get(formState.errors, `spec.authentication.spec.${field}`));

  return (
    <>
      <RadioCardsField
        control={control}
        name="spec.authentication.type"
        legend="Authentication"
        radioName="cluster-auth"
        // The whole auth block follows the type: an IRSA spec and a token spec share no field.
        onChange={(t: ClusterAuthType) => {
          if (t !== authType)
            setValue("spec.authentication", EMPTY_AUTH[t], {
              shouldDirty: true,
              shouldValidate: formState.isSubmitted,
            });
        }}
        options={CLUSTER_AUTH_TYPES.map((t) => ({
          value: t,
          label: CLUSTER_AUTH_INFO[t].label,
          description: CLUSTER_AUTH_INFO[t].description,
        }))}
      />
      {authType === "IRSA" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            form={form}
            name="spec.authentication.spec.roleArn"
            label="Role ARN"
            required
            className="sm:col-span-2"
            hint="The deployer role the agent assumes; the cluster maps it to system:masters."
            placeholder="arn:aws:iam::123456789012:role/Deployer"
            code
          />
          <TextField
            form={form}
            name="spec.authentication.spec.clusterName"
            label="EKS cluster name"
            required
            hint="Signed into the token (awsAuthConfig.clusterName)."
            placeholder="testing"
            code
          />
          <Field label="Region" required error={errorAt("region")}>
            {(a) => (
              <Select {...a} {...register("spec.authentication.spec.region")}>
                <RegionOptions />
              </Select>
            )}
          </Field>
        </div>
      ) : (
        <Field
          label="Bearer token secret"
          required
          error={errorAt("tokenRef")}
          hint="A secret holding a service account token of the cluster."
        >
          {(a) => (
            <Controller
              control={control}
              name="spec.authentication.spec.tokenRef"
              render={({ field }) => (
                <SecretPicker
                  {...a}
                  scope={scope}
                  value={field.value ?? ""}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  label="Bearer token"
                />
              )}
            />
          )}
        </Field>
      )}
    </>
  );
}
