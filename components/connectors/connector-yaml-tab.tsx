"use client";
import { YamlDocumentTab } from "@/components/yaml/yaml-document-tab";
import { useConnectorYaml, useUpdateConnectorYaml } from "@/lib/connectors/hooks";
import type { ScopeRef } from "@/lib/scope";

/** The connector as Harness-style YAML: read-only by default, editable and saved as a whole. */
export function ConnectorYamlTab({
  scope,
  identifier,
  version,
  onReloadLatest,
}: {
  scope: ScopeRef;
  identifier: string;
  version: number;
  /** Refetches the connector (and so its version) after a conflict. */
  onReloadLatest: () => Promise<unknown>;
}) {
  const yaml = useConnectorYaml(scope, identifier);
  const save = useUpdateConnectorYaml(scope);
  return (
    <YamlDocumentTab
      yaml={yaml}
      save={(text, at) => save.mutateAsync({ identifier, yaml: text, version: at })}
      saving={save.isPending}
      version={version}
      onReloadLatest={onReloadLatest}
      what="connector"
      hint={{
        edit: "Edit the whole connector as YAML. Secrets appear only as references; the identifier cannot change.",
        view: "The connector as Harness-compatible YAML, the same document the API accepts.",
      }}
      editor={{ id: "connector-yaml", label: "Connector YAML" }}
    />
  );
}
