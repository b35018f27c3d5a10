"use client";
import { Controller, useWatch } from "react-hook-form";
import { ConnectorPicker } from "@/components/connectors/connector-picker";
import { DescriptionTagsFields } from "@/components/forms/description-tags-fields";
import { OVERVIEW_FIELDS } from "@/components/forms/form-values";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { ResourceDialog, type ResourceFormProps } from "@/components/forms/resource-dialog";
import { TextField } from "@/components/forms/text-field";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { ClusterCombobox } from "@/components/infrastructures/lookup-fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { useGitopsAgent, useSaveAgent } from "@/lib/gitops/hooks";
import { gitopsAgentInputSchema, type GitopsAgentFormValues } from "@/lib/gitops/schemas";

const FIELDS = [
  ...OVERVIEW_FIELDS,
  "namespace",
  "spec.connectorRef",
  "spec.managementCluster",
  "spec.agentRoleArn",
] as const;

function toValues(dto: GitopsAgentDto | null): GitopsAgentFormValues {
  if (!dto)
    return {
      name: "",
      identifier: "",
      description: "",
      tags: {},
      namespace: "argocd",
      spec: { connectorRef: "", managementCluster: "", agentRoleArn: "" },
    };
  const { name, identifier, description, tags, namespace, spec } = dto.agent;
  return { name, identifier, description, tags, namespace, spec };
}

/** Register (item null) or edit a GitOps agent of the current project. */
export function AgentDialog(props: ResourceFormProps<GitopsAgentDto> & { open: boolean }) {
  return (
    <ResourceDialog
      {...props}
      title={props.item ? `Edit ${props.item.agent.name}` : "New GitOps agent"}
      description="Where the agent (Argo CD) runs, and the IAM role its service accounts assume through the cluster's OIDC provider."
      className="w-[min(94vw,44rem)]"
      itemKey={(dto) => dto.agent.identifier}
      Form={AgentForm}
    />
  );
}

function AgentForm({ item: agent, scope, onClose, onSaved }: ResourceFormProps<GitopsAgentDto>) {
  const save = useSaveAgent(scope);
  const { form, item, submit, alerts } = useResourceForm({
    schema: gitopsAgentInputSchema,
    item: agent,
    defaultValues: toValues(agent),
    fields: FIELDS,
    reload: {
      what: "agent",
      latest: useGitopsAgent(scope, agent?.agent.identifier ?? ""),
      toValues,
    },
  });
  const editing = item !== null;
  const { control, formState, setValue } = form;
  const { errors } = formState;
  const connectorRef = useWatch({ control, name: "spec.connectorRef" });

  const onSubmit = submit(async (input) => {
    const dto = await save.mutateAsync({ input, identifier: item?.agent.identifier, version: item?.version });
    onSaved(dto, !item);
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-col gap-4">
      {alerts}
      <div className="grid gap-4 sm:grid-cols-2">
        <NameIdentifierFields
          form={form}
          locked={editing}
          autoFocus
          namePlaceholder="Management agent"
          identifierHint={editing ? "Cannot change." : "Derived from the name."}
        />
      </div>
      <Field
        label="Management connector"
        required
        error={errors.spec?.connectorRef?.message}
        hint="The AWS connector that reaches the management cluster's account."
      >
        {(a) => (
          <Controller
            control={control}
            name="spec.connectorRef"
            render={({ field }) => (
              <ConnectorPicker
                {...a}
                scope={scope}
                value={field.value}
                onChange={(ref) => {
                  field.onChange(ref);
                  if (ref !== field.value) setValue("spec.managementCluster", "");
                }}
              />
            )}
          />
        )}
      </Field>
      <Field
        label="Management cluster"
        required
        error={errors.spec?.managementCluster?.message}
        hint="The EKS cluster the agent runs in. Its OIDC provider goes into the agent role's trust policy."
      >
        {(a) => (
          <Controller
            control={control}
            name="spec.managementCluster"
            render={({ field }) => (
              <ClusterCombobox
                {...a}
                scope={scope}
                lookup={connectorRef ? { connectorRef, region: "" } : null}
                unlistedHint="Choose the management connector to list its clusters, or type region/cluster."
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
            )}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <TextField
          form={form}
          name="namespace"
          label="Namespace"
          required
          hint="Its service accounts may assume the agent role."
          placeholder="argocd"
          code
        />
        <TextField
          form={form}
          name="spec.agentRoleArn"
          label="Agent role ARN"
          required
          hint="The role the agent assumes first (role/ArgoCD in the AWS guide)."
          placeholder="arn:aws:iam::123456789012:role/ArgoCD"
          code
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <DescriptionTagsFields form={form} />
      </div>
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : "Register agent"}
        </Button>
      </div>
    </form>
  );
}
