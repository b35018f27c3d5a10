"use client";
import { useState } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { VersionConflictAlert, isVersionConflict } from "@/components/forms/version-conflict";
import { errorMessage } from "@/lib/http/client";
import { YamlEditor } from "./yaml-editor";
import { yamlIssuesOf, type YamlIssueMark } from "./yaml-issues";

interface Draft {
  text: string;
  /** The version the YAML was loaded at; saving sends it as If-Match. */
  version: number;
}

export interface YamlDocumentTabProps {
  /** The document as the server renders it (`?format=yaml`). */
  yaml: UseQueryResult<string>;
  /** Saves the whole document at `version` (sent as If-Match); resolves to the new version. */
  save: (text: string, version: number) => Promise<{ version: number }>;
  saving: boolean;
  version: number;
  /** Refetches the resource (and so its version) after a conflict. */
  onReloadLatest: () => Promise<unknown>;
  /** The resource in words, for the conflict notice ("Someone else saved this … "). */
  what: string;
  /** The line above the editor: while reading, and while editing. */
  hint: { view: string; edit: string };
  editor: { id: string; label: string };
}

/**
 * A resource as Harness-style YAML: read-only by default, editable and saved as a whole. A 409
 * offers to reload the other person's version; a 422 names the line above the editor, and the
 * editor shows every problem the server listed as a diagnostic on its line.
 */
export function YamlDocumentTab({
  yaml,
  save,
  saving,
  version,
  onReloadLatest,
  what,
  hint,
  editor,
}: YamlDocumentTabProps) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<{ message: string; line?: number; issues: YamlIssueMark[] }>();
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
      const dto = await save(draft.text, draft.version);
      stopEditing();
      setSavedVersion(dto.version);
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      const issues = yamlIssuesOf(err);
      const line = issues[0]?.line;
      // The title names the line already; drop the detail's own "Line n:" prefix.
      setProblem({ message: line ? errorMessage(err).replace(/^Line \d+:\s*/, "") : errorMessage(err), line, issues });
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
        <p className="text-sm text-muted">{editing ? hint.edit : hint.view}</p>
        <div className="flex gap-2">
          {editing ? (
            <>
              <Button onClick={stopEditing} disabled={saving}>
                Cancel
              </Button>
              <Button variant="primary" onClick={() => void submit()} loading={saving}>
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
      {conflict && <VersionConflictAlert what={what} onReload={() => void reload()} reloading={reloading} />}
      {problem && (
        <Alert
          title={problem.line ? `The YAML was not saved: problem on line ${problem.line}` : "The YAML was not saved"}
        >
          {problem.message}
        </Alert>
      )}
      <YamlEditor
        id={editor.id}
        label={editor.label}
        value={editing ? draft.text : yaml.data}
        onChange={(text) => setDraft((d) => (d ? { ...d, text } : d))}
        readOnly={!editing}
        issues={editing ? problem?.issues : undefined}
        invalid={Boolean(problem)}
        minRows={16}
        maxRows={40}
      />
    </div>
  );
}
