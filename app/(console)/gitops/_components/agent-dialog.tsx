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
import { Field, Select } from "@/components/ui/field";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { AGENT_FLAVOURS, AGENT_FLAVOUR_INFO, DEFAULT_AGENT_FLAVOUR } from "@/lib/gitops/flavours";
import { useGitopsAgent, useSaveAgent } from "@/lib/gitops/hooks";
import { gitopsAgentInputSchema, type GitopsAgentFormValues } from "@/lib/gitops/schemas";

const FIELDS = [
  ...OVERVIEW_FIELDS,
  "namespace",
  "spec.connectorRef",
  "spec.managementCluster",
  "spec.agentRoleArn",
  "spec.flavour",
] as const;

function toValues(dto: GitopsAgentDto | null): GitopsAgentFormValues {
  if (!dto)
    return {
      name: "",
      identifier: "",
      description: "",
      tags: {},
      namespace: "argocd",
      spec: { connectorRef: "", managementCluster: "", agentRoleArn: "", flavour: DEFAULT_AGENT_FLAVOUR },
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
      description="Which agent runs where, and the IAM role its service accounts assume through the management cluster's OIDC provider."
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
  const { control, formState, setValue, register } = form;
  const { errors } = formState;
  const connectorRef = useWatch({ control, name: "spec.connectorRef" });
  const flavour = useWatch({ control, name: "spec.flavour" });

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
        label="Agent"
        required
        error={errors.spec?.flavour?.message}
        hint={`Service accounts ${AGENT_FLAVOUR_INFO[flavour ?? DEFAULT_AGENT_FLAVOUR].serviceAccounts.join(" and ")} assume the agent role.`}
      >
        {(a) => (
          <Select {...a} {...register("spec.flavour")}>
            {AGENT_FLAVOURS.map((f) => (
              <option key={f} value={f}>
                {AGENT_FLAVOUR_INFO[f].label}
              </option>
            ))}
          </Select>
        )}
      </Field>
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
      {/* The actions stay in view while the fields scroll (a short window, a phone). */}
      <div className="sticky -bottom-6 -mx-6 -mb-6 flex justify-end gap-2 border-t border-border bg-surface px-6 pb-6 pt-3 max-sm:-bottom-4 max-sm:-mx-4 max-sm:-mb-4 max-sm:px-4 max-sm:pb-4">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : "Register agent"}
        </Button>
      </div>
    </form>
  );
}
