"use client";
// Create or edit a GitOps cluster. A new cluster's draft is kept in the browser as it is typed
// (with the secrets created from this form, which discarding offers to delete); leaving with
// unsaved changes asks first.
import Link from "next/link";
import { useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { SecretCreatedContext } from "@/components/forms/created-secrets";
import { DescriptionTagsFields } from "@/components/forms/description-tags-fields";
import { CreatedSecretsList, DiscardDraftDialog, DraftNotice } from "@/components/forms/draft-ui";
import { draftKey } from "@/components/forms/drafts";
import { OVERVIEW_FIELDS } from "@/components/forms/form-values";
import { NameIdentifierFields, typedIn } from "@/components/forms/name-identifier-fields";
import { TextField } from "@/components/forms/text-field";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/misc";
import { deriveIdentifier } from "@/lib/common/schemas";
import type { GitopsClusterDto } from "@/lib/gitops/dto";
import { useGitopsAgents, useGitopsCluster, useSaveCluster } from "@/lib/gitops/hooks";
import { gitopsClusterInputSchema, type GitopsClusterFormValues } from "@/lib/gitops/schemas";
import type { ScopeRef } from "@/lib/scope";
import { ClusterAuthFields, EMPTY_AUTH } from "./cluster-auth-fields";
import { ImportEksDialog } from "./import-eks-dialog";

const FIELDS = [
  ...OVERVIEW_FIELDS,
  "agentIdentifier",
  "spec.masterUrl",
  "spec.caData",
  "spec.authentication.spec.roleArn",
  "spec.authentication.spec.clusterName",
  "spec.authentication.spec.region",
  "spec.authentication.spec.tokenRef",
  "spec.authentication",
] as const;

const DRAFT_FORMAT = 1;

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
  const save = useSaveCluster(scope);
  const agents = useGitopsAgents(scope);
  const [identifierTouched, setIdentifierTouched] = useState(cluster !== null);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<string>();
  const [discarding, setDiscarding] = useState(false);
  const { form, item, submit, alerts, draft } = useResourceForm({
    schema: gitopsClusterInputSchema,
    item: cluster,
    defaultValues: toValues(cluster, agent),
    fields: FIELDS,
    reload: {
      what: "cluster",
      latest: useGitopsCluster(scope, cluster?.cluster.identifier ?? ""),
      toValues: (dto) => toValues(dto),
    },
    draft: {
      draftKey: cluster ? null : draftKey("gitops-cluster", scope),
      format: DRAFT_FORMAT,
      onRestore: (_, values) => setIdentifierTouched(typedIn(values)),
      leaveMessage: cluster
        ? "Leave this page? Your changes to the cluster are not saved."
        : "Leave this page? The cluster is not saved yet (its draft stays in this browser).",
    },
  });
  const editing = item !== null;
  const { register, control, formState, setValue, getValues } = form;
  const { errors } = formState;
  const agentIdentifier = useWatch({ control, name: "agentIdentifier" });
  const chosenAgent = agents.data?.items.find((a) => a.agent.identifier === agentIdentifier);

  const onSubmit = submit(async (input) =>
    onSaved(await save.mutateAsync({ input, identifier: item?.cluster.identifier, version: item?.version })),
  );

  const opts = { shouldDirty: true, shouldValidate: formState.isSubmitted };
  const discardable = !editing && (draft.dirty || draft.createdSecrets.length > 0);
  return (
    <SecretCreatedContext.Provider value={draft.onSecretCreated}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-5">
        {draft.restored && <DraftNotice onDiscard={() => setDiscarding(true)} />}
        {alerts}
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
          <TextField
            form={form}
            name="spec.masterUrl"
            label="Master URL"
            required
            placeholder="https://ABC123.gr7.us-east-1.eks.amazonaws.com"
            code
          />
          <ClusterAuthFields form={form} scope={scope} />
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
          <DescriptionTagsFields form={form} />
        </Card>

        {!editing && (
          <CreatedSecretsList secrets={draft.createdSecrets} saved={false} place="this form" what="cluster" />
        )}

        <div className="flex flex-wrap justify-end gap-2">
          <Button asChild>
            <Link href={cancelHref}>Cancel</Link>
          </Button>
          {discardable && (
            <Button variant="ghost" onClick={() => setDiscarding(true)}>
              Discard draft
            </Button>
          )}
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
      <DiscardDraftDialog
        open={discarding}
        onOpenChange={setDiscarding}
        what="GitOps cluster"
        place="this form"
        secrets={draft.createdSecrets}
        onDiscarded={() => {
          draft.discard(toValues(null, agent));
          setIdentifierTouched(false);
          setImported(undefined);
          setDiscarding(false);
        }}
      />
    </SecretCreatedContext.Provider>
  );
}
