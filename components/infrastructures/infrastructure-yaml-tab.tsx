"use client";
import { YamlDocumentTab } from "@/components/yaml/yaml-document-tab";
import {
  useInfrastructureYaml,
  useUpdateInfrastructureYaml,
  type InfrastructureRef,
} from "@/lib/infrastructures/hooks";
import type { ScopeRef } from "@/lib/scope";

/** The definition as Harness-style YAML: read-only by default, editable and saved as a whole. */
export function InfrastructureYamlTab({
  scope,
  reference,
  version,
  onReloadLatest,
}: {
  scope: ScopeRef;
  reference: InfrastructureRef;
  version: number;
  /** Refetches the definition (and so its version) after a conflict. */
  onReloadLatest: () => Promise<unknown>;
}) {
  const yaml = useInfrastructureYaml(scope, reference);
  const save = useUpdateInfrastructureYaml(scope);
  return (
    <YamlDocumentTab
      yaml={yaml}
      save={(text, at) => save.mutateAsync({ ...reference, yaml: text, version: at })}
      saving={save.isPending}
      version={version}
      onReloadLatest={onReloadLatest}
      what="infrastructure definition"
      hint={{
        edit: "Edit the whole definition as YAML. The identifier and the environment cannot change.",
        view: "The definition as Harness-compatible YAML, the same document the API accepts.",
      }}
      editor={{ id: "infrastructure-yaml", label: "Infrastructure definition YAML" }}
    />
  );
}
