"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { ReloadLatestAlert, isVersionConflict } from "@/components/forms/version-conflict";
import { firstMessage } from "@/components/forms/form-values";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { TagsField } from "@/components/forms/tags-field";
import { ConnectorPicker } from "@/components/infrastructures/connector-picker";
import { ClusterCombobox } from "@/components/infrastructures/lookup-fields";
import { applyProblem } from "@/components/secrets/problem-fields";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { useGitopsAgent, useSaveAgent } from "@/lib/gitops/hooks";
import { gitopsAgentInputSchema, type GitopsAgentFormValues, type GitopsAgentInput } from "@/lib/gitops/schemas";
import type { ScopeRef } from "@/lib/scope";

const FIELDS = [
  "name",
  "identifier",
  "description",
  "tags",
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

/** Register (agent null) or edit a GitOps agent of the current project. */
export function AgentDialog({
  open,
  agent,
  scope,
  onClose,
  onSaved,
}: {
  open: boolean;
  agent: GitopsAgentDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved: (dto: GitopsAgentDto, created: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={agent ? `Edit ${agent.agent.name}` : "New GitOps agent"}
      description="Where the agent (Argo CD) runs, and the IAM role its service accounts assume through the cluster's OIDC provider."
      className="w-[min(94vw,44rem)]"
    >
      {open && (
        <AgentForm
          key={agent?.agent.identifier ?? "new"}
          agent={agent}
          scope={scope}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Dialog>
  );
}

function AgentForm({
  agent,
  scope,
  onClose,
  onSaved,
}: {
  agent: GitopsAgentDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved: (dto: GitopsAgentDto, created: boolean) => void;
}) {
  const [current, setCurrent] = useState(agent);
  const editing = current !== null;
  const save = useSaveAgent(scope);
  const latest = useGitopsAgent(scope, current?.agent.identifier ?? "");
  const [identifierTouched, setIdentifierTouched] = useState(editing);
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const form = useForm<GitopsAgentFormValues, unknown, GitopsAgentInput>({
    resolver: zodResolver(gitopsAgentInputSchema),
    defaultValues: toValues(agent),
  });
  const { register, control, formState, setValue, handleSubmit, setError } = form;
  const { errors } = formState;
  const connectorRef = useWatch({ control, name: "spec.connectorRef" });

  const submit = handleSubmit(async (input) => {
    setFormError(undefined);
    try {
      const dto = await save.mutateAsync({ input, identifier: current?.agent.identifier, version: current?.version });
      onSaved(dto, !current);
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      setFormError(applyProblem(err, setError, FIELDS));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4">
      {conflict && current && (
        <ReloadLatestAlert
          what="agent"
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
      <div className="grid gap-4 sm:grid-cols-2">
        <NameIdentifierFields
          form={form}
          locked={editing}
          touched={identifierTouched}
          onTouched={() => setIdentifierTouched(true)}
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
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
            )}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <Field
          label="Namespace"
          required
          error={errors.namespace?.message}
          hint="Its service accounts may assume the agent role."
        >
          {(a) => (
            <Input
              {...a}
              {...register("namespace")}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder="argocd"
            />
          )}
        </Field>
        <Field
          label="Agent role ARN"
          required
          error={errors.spec?.agentRoleArn?.message}
          hint="The role the agent assumes first (role/ArgoCD in the AWS guide)."
        >
          {(a) => (
            <Input
              {...a}
              {...register("spec.agentRoleArn")}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder="arn:aws:iam::123456789012:role/ArgoCD"
            />
          )}
        </Field>
      </div>
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
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : "Register agent"}
        </Button>
      </div>
    </form>
  );
}
