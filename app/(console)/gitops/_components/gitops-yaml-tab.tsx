"use client";
import { YamlDocumentTab } from "@/components/yaml/yaml-document-tab";
import { useGitopsYaml, useSaveGitopsYaml } from "@/lib/gitops/hooks";
import type { ScopeRef } from "@/lib/scope";

const WHAT = { agents: "agent", clusters: "cluster" } as const;

/** An agent or cluster as YAML: read-only by default, editable and saved as a whole. */
export function GitopsYamlTab({
  scope,
  kind,
  identifier,
  version,
  onReloadLatest,
}: {
  scope: ScopeRef;
  kind: "agents" | "clusters";
  identifier: string;
  version: number;
  /** Refetches the resource (and so its version) after a conflict. */
  onReloadLatest: () => Promise<unknown>;
}) {
  const yaml = useGitopsYaml(scope, kind, identifier);
  const save = useSaveGitopsYaml(scope, kind);
  return (
    <YamlDocumentTab
      yaml={yaml}
      save={(text, at) => save.mutateAsync({ identifier, yaml: text, version: at })}
      saving={save.isPending}
      version={version}
      onReloadLatest={onReloadLatest}
      what={WHAT[kind]}
      hint={{
        edit: `Edit the whole ${WHAT[kind]} as YAML. The identifier cannot change.`,
        view: `The ${WHAT[kind]} as YAML, the same document the API accepts.`,
      }}
      editor={{ id: `gitops-${kind}-yaml`, label: `GitOps ${WHAT[kind]} YAML` }}
    />
  );
}
