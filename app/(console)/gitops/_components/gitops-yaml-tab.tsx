"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeEditor } from "@/components/ui/code-editor";
import { Alert } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useGitopsYaml, useSaveGitopsYaml } from "@/lib/gitops/hooks";
import { ApiError, errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scopes/schemas";
import { VersionConflictAlert, isVersionConflict } from "@/components/connectors/version-conflict";

interface Draft {
  text: string;
  /** The version the YAML was loaded at; saving sends it as If-Match. */
  version: number;
}

const WHAT = { agents: "agent", clusters: "cluster" } as const;

/** An agent or cluster as YAML: read-only by default, editable and saved as a whole (a sibling of the connector YAML tab). */
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
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<{ message: string; line?: number }>();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number>();

  if (yaml.isPending) {
    return (
      <div className="flex items-center gap-2 py-6 text-sm text-muted">
        <Spinner /> Loading YAML…
      </div>
    );
  }
  if (yaml.isError) return <Alert>{errorMessage(yaml.error)}</Alert>;

  const stopEditing = () => {
    setDraft(null);
    setProblem(undefined);
    setConflict(false);
  };

  const submit = async () => {
    if (!draft) return;
    setProblem(undefined);
    setSavedVersion(undefined);
    try {
      const dto = await save.mutateAsync({ identifier, yaml: draft.text, version: draft.version });
      stopEditing();
      setSavedVersion(dto.version);
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      const line = err instanceof ApiError && typeof err.problem.extra?.line === "number" ? err.problem.extra.line : undefined;
      // The title names the line already; drop the detail's own "Line n:" prefix.
      setProblem({ message: line ? errorMessage(err).replace(/^Line \d+:\s*/, "") : errorMessage(err), line });
    }
  };

  const reload = async () => {
    setReloading(true);
    await Promise.all([yaml.refetch(), onReloadLatest()]);
    setReloading(false);
    stopEditing();
  };

  const editing = draft !== null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">
          {editing
            ? `Edit the whole ${WHAT[kind]} as YAML. The identifier cannot change.`
            : `The ${WHAT[kind]} as YAML, the same document the API accepts.`}
        </p>
        <div className="flex gap-2">
          {editing ? (
            <>
              <Button onClick={stopEditing} disabled={save.isPending}>
                Cancel
              </Button>
              <Button variant="primary" onClick={() => void submit()} loading={save.isPending}>
                Save YAML
              </Button>
            </>
          ) : (
            <Button
              onClick={() => {
                setSavedVersion(undefined);
                setDraft({ text: yaml.data, version });
              }}
            >
              Edit YAML
            </Button>
          )}
        </div>
      </div>
      {savedVersion !== undefined && <Alert tone="success">Saved as version {savedVersion}.</Alert>}
      {conflict && <VersionConflictAlert what={WHAT[kind]} onReload={() => void reload()} reloading={reloading} />}
      {problem && (
        <Alert title={problem.line ? `The YAML was not saved: problem on line ${problem.line}` : "The YAML was not saved"}>{problem.message}</Alert>
      )}
      <CodeEditor
        id={`gitops-${kind}-yaml`}
        label={`GitOps ${WHAT[kind]} YAML`}
        value={editing ? draft.text : yaml.data}
        onChange={(text) => setDraft((d) => (d ? { ...d, text } : d))}
        readOnly={!editing}
        errorLine={editing ? problem?.line : undefined}
        aria-invalid={Boolean(problem)}
        minRows={16}
        maxRows={40}
      />
    </div>
  );
}
