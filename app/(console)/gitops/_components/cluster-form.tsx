"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { Controller, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { RadioCards } from "@/components/connectors/radio-cards";
import { ReloadLatestAlert, isVersionConflict } from "@/components/forms/version-conflict";
import { firstMessage } from "@/components/forms/form-values";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { TagsField } from "@/components/forms/tags-field";
import { SecretPicker } from "@/components/secrets/secret-picker";
import { applyProblem } from "@/components/secrets/problem-fields";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/misc";
import { PARTITIONS, PARTITION_LABELS, REGIONS } from "@/lib/aws/partitions";
import { deriveIdentifier } from "@/lib/common/schemas";
import type { GitopsClusterDto } from "@/lib/gitops/dto";
import { useGitopsAgents, useGitopsCluster, useSaveCluster } from "@/lib/gitops/hooks";
import {
  CLUSTER_AUTH_INFO,
  CLUSTER_AUTH_TYPES,
  gitopsClusterInputSchema,
  type ClusterAuthType,
  type GitopsClusterFormValues,
  type GitopsClusterInput,
} from "@/lib/gitops/schemas";
import type { ScopeRef } from "@/lib/scope";
import { ImportEksDialog } from "./import-eks-dialog";

const FIELDS = [
  "name",
  "identifier",
  "description",
  "tags",
  "agentIdentifier",
  "spec.masterUrl",
  "spec.caData",
  "spec.authentication.spec.roleArn",
  "spec.authentication.spec.clusterName",
  "spec.authentication.spec.region",
  "spec.authentication.spec.tokenRef",
  "spec.authentication",
] as const;

const EMPTY_AUTH: Record<ClusterAuthType, GitopsClusterFormValues["spec"]["authentication"]> = {
  IRSA: { type: "IRSA", spec: { roleArn: "", clusterName: "", region: "us-east-1" } },
  BearerToken: { type: "BearerToken", spec: { tokenRef: "" } },
};

function toValues(dto: GitopsClusterDto | null, agent?: string): GitopsClusterFormValues {
  if (!dto)
    return {
      name: "",
      identifier: "",
      description: "",
      tags: {},
      agentIdentifier: agent ?? "",
      spec: { masterUrl: "", authentication: EMPTY_AUTH.IRSA, caData: "" },
    };
  const { name, identifier, description, tags, agentIdentifier, spec } = dto.cluster;
  return { name, identifier, description, tags, agentIdentifier, spec };
}

type AuthErrors = {
  spec?: {
    roleArn?: { message?: string };
    clusterName?: { message?: string };
    region?: { message?: string };
    tokenRef?: { message?: string };
  };
};
const authErrors = (errors: FieldErrors<GitopsClusterFormValues>) => (errors.spec?.authentication ?? {}) as AuthErrors;

/** Create (cluster null) or edit a GitOps cluster; saves and hands the result to `onSaved`. */
export function ClusterForm({
  scope,
  cluster,
  agent,
  cancelHref,
  onSaved,
}: {
  scope: ScopeRef;
  cluster: GitopsClusterDto | null;
  agent?: string;
  cancelHref: string;
  onSaved: (dto: GitopsClusterDto) => void;
}) {
  const [current, setCurrent] = useState(cluster);
  const editing = current !== null;
  const save = useSaveCluster(scope);
  const agents = useGitopsAgents(scope);
  const latest = useGitopsCluster(scope, current?.cluster.identifier ?? "");
  const [identifierTouched, setIdentifierTouched] = useState(editing);
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<string>();
  const form = useForm<GitopsClusterFormValues, unknown, GitopsClusterInput>({
    resolver: zodResolver(gitopsClusterInputSchema),
    defaultValues: toValues(cluster, agent),
  });
  const { register, control, formState, setValue, getValues, handleSubmit, setError } = form;
  const { errors } = formState;
  const authType = useWatch({ control, name: "spec.authentication.type" });
  const agentIdentifier = useWatch({ control, name: "agentIdentifier" });
  const chosenAgent = agents.data?.items.find((a) => a.agent.identifier === agentIdentifier);
  const ae = authErrors(errors);

  const submit = handleSubmit(async (input) => {
    setFormError(undefined);
    try {
      onSaved(await save.mutateAsync({ input, identifier: current?.cluster.identifier, version: current?.version }));
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      setFormError(applyProblem(err, setError, FIELDS));
    }
  });

  const opts = { shouldDirty: true, shouldValidate: formState.isSubmitted };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex max-w-3xl flex-col gap-5">
      {conflict && current && (
        <ReloadLatestAlert
          what="cluster"
          latest={latest}
          onError={setFormError}
          onLoaded={(dto) => {
            setCurrent(dto);
            form.reset(toValues(dto));
            setConflict(false);
          }}
        />
      )}
      {formError && <Alert>{formError}</Alert>}
      <Card className="flex flex-col gap-4">
        <h2 className="text-base font-semibold">Cluster</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <NameIdentifierFields
            form={form}
            locked={editing}
            touched={identifierTouched}
            onTouched={() => setIdentifierTouched(true)}
            namePlaceholder="Testing"
            identifierHint={editing ? "Cannot change." : "Derived from the name."}
          />
        </div>
        <Field
          label="GitOps agent"
          required
          error={errors.agentIdentifier?.message}
          hint={
            chosenAgent
              ? `Runs in namespace ${chosenAgent.agent.namespace} of ${chosenAgent.agent.spec.managementCluster}.`
              : "The agent that deploys to this cluster."
          }
        >
          {(a) => (
            // Controlled: the agents arrive after the form's value, and the select must show it then.
            <Controller
              control={control}
              name="agentIdentifier"
              render={({ field }) => (
                <Select {...a} {...field}>
                  <option value="">{agents.isPending ? "Loading agents…" : "Choose an agent"}</option>
                  {agents.data?.items.map((x) => (
                    <option key={x.agent.identifier} value={x.agent.identifier}>
                      {x.agent.name} ({x.agent.identifier})
                    </option>
                  ))}
                </Select>
              )}
            />
          )}
        </Field>
      </Card>

      <Card className="flex flex-col gap-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 className="text-base font-semibold">Connection</h2>
            <p className="text-sm text-muted">The Kubernetes API server and its certificate authority.</p>
          </div>
          <Button onClick={() => setImporting(true)}>Import from EKS</Button>
        </div>
        {imported && <Alert tone="success">{imported}</Alert>}
        <Field label="Master URL" required error={errors.spec?.masterUrl?.message}>
          {(a) => (
            <Input
              {...a}
              {...register("spec.masterUrl")}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder="https://ABC123.gr7.us-east-1.eks.amazonaws.com"
            />
          )}
        </Field>
        <Controller
          control={control}
          name="spec.authentication.type"
          render={({ field }) => (
            <RadioCards
              legend="Authentication"
              name="cluster-auth"
              value={field.value}
              onChange={(t: ClusterAuthType) => {
                if (t !== field.value) setValue("spec.authentication", EMPTY_AUTH[t], opts);
              }}
              options={CLUSTER_AUTH_TYPES.map((t) => ({
                value: t,
                label: CLUSTER_AUTH_INFO[t].label,
                description: CLUSTER_AUTH_INFO[t].description,
              }))}
            />
          )}
        />
        {authType === "IRSA" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Role ARN"
              required
              className="sm:col-span-2"
              error={ae.spec?.roleArn?.message}
              hint="The deployer role the agent assumes; the cluster maps it to system:masters."
            >
              {(a) => (
                <Input
                  {...a}
                  {...register("spec.authentication.spec.roleArn")}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  placeholder="arn:aws:iam::123456789012:role/Deployer"
                />
              )}
            </Field>
            <Field
              label="EKS cluster name"
              required
              error={ae.spec?.clusterName?.message}
              hint="Signed into the token (awsAuthConfig.clusterName)."
            >
              {(a) => (
                <Input
                  {...a}
                  {...register("spec.authentication.spec.clusterName")}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  placeholder="testing"
                />
              )}
            </Field>
            <Field label="Region" required error={ae.spec?.region?.message}>
              {(a) => (
                <Select {...a} {...register("spec.authentication.spec.region")}>
                  {PARTITIONS.map((p) => (
                    <optgroup key={p} label={PARTITION_LABELS[p]}>
                      {REGIONS.filter((r) => r.partition === p).map((r) => (
                        <option key={r.code} value={r.code}>
                          {r.label} — {r.code}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        ) : (
          <Field
            label="Bearer token secret"
            required
            error={ae.spec?.tokenRef?.message}
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
        <Field
          label="Certificate authority data"
          required
          error={errors.spec?.caData?.message}
          hint="Base64-encoded PEM, as EKS shows it (certificateAuthority.data)."
        >
          {(a) => (
            <Textarea
              {...a}
              {...register("spec.caData")}
              rows={4}
              spellCheck={false}
              className="font-mono text-xs"
              placeholder="LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t…"
            />
          )}
        </Field>
      </Card>

      <Card className="flex flex-col gap-4">
        <Field label="Description" error={errors.description?.message}>
          {(a) => <Textarea {...a} {...register("description")} rows={2} />}
        </Field>
        <Field label="Tags" error={firstMessage(errors.tags)} hint="Type key:value (or just a key) and press Enter.">
          {(a) => (
            <Controller
              control={control}
              name="tags"
              render={({ field }) => (
                <TagsField {...a} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
              )}
            />
          )}
        </Field>
      </Card>

      <div className="flex justify-end gap-2">
        <Button asChild>
          <Link href={cancelHref}>Cancel</Link>
        </Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : "Create cluster"}
        </Button>
      </div>

      <ImportEksDialog
        open={importing}
        onOpenChange={setImporting}
        scope={scope}
        initialConnectorRef={chosenAgent?.agent.spec.connectorRef}
        onImport={(c) => {
          setValue("spec.masterUrl", c.endpoint, opts);
          setValue("spec.caData", c.caData, opts);
          const auth = getValues("spec.authentication");
          const roleArn = auth.type === "IRSA" ? auth.spec.roleArn : "";
          setValue(
            "spec.authentication",
            { type: "IRSA", spec: { roleArn, clusterName: c.name, region: c.region } },
            opts,
          );
          if (!getValues("name")) {
            setValue("name", c.name, opts);
            if (!identifierTouched) setValue("identifier", deriveIdentifier(c.name), opts);
          }
          setImported(
            `Imported ${c.name} (${c.region}, Kubernetes ${c.version || "unknown"}): master URL, CA data, cluster name and region are filled in.`,
          );
          setImporting(false);
        }}
      />
    </form>
  );
}
