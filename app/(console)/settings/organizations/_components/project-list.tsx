"use client";
import Link from "next/link";
import { useState } from "react";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { ScopeItemDialog } from "@/components/scopes/scope-item-form";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/http/client";
import { useDeleteProject, useProjects, useSaveProject } from "@/lib/scopes/hooks";
import type { OrganizationDto, ProjectDto } from "@/lib/scopes/schemas";

/** An organization's projects, compact inside its card (no page-sized empty state). */
export function ProjectList({ org }: { org: OrganizationDto }) {
  const projects = useProjects(org.identifier);
  const save = useSaveProject(org.identifier);
  const remove = useDeleteProject(org.identifier);
  const [editing, setEditing] = useState<ProjectDto | "new" | null>(null);
  const [deleting, setDeleting] = useState<ProjectDto | null>(null);

  return (
    <div className="p-4">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-sm font-medium text-muted">Projects</h3>
        <Button size="sm" onClick={() => setEditing("new")} aria-label={`New project in ${org.name}`}>
          New project
        </Button>
      </div>
      {projects.isLoading && <Spinner label="Loading projects" />}
      {projects.isError && <Alert>{errorMessage(projects.error)}</Alert>}
      {projects.data?.length === 0 && <p className="text-sm text-muted">No projects in this organization yet.</p>}
      <ul className="divide-y divide-border" aria-label={`Projects of ${org.name}`}>
        {projects.data?.map((p) => (
          <li key={p.identifier} className="flex flex-wrap items-center justify-between gap-2 py-2">
            {/* Long names and identifiers wrap rather than widen a phone's page. */}
            <div className="min-w-0 [overflow-wrap:anywhere]">
              <Link
                className="font-medium text-accent hover:underline"
                href={`/connectors?org=${org.identifier}&project=${p.identifier}`}
              >
                {p.name}
              </Link>
              <span className="ml-2 font-mono text-xs text-muted">{p.identifier}</span>
            </div>
            <div className="flex gap-2">
              <Button size="sm" onClick={() => setEditing(p)} aria-label={`Edit project ${p.name}`}>
                Edit
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDeleting(p)} aria-label={`Delete project ${p.name}`}>
                Delete
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <ScopeItemDialog
        kind="project"
        title={editing === "new" ? `New project in ${org.name}` : "Edit project"}
        editing={editing}
        list={projects}
        save={save.mutateAsync}
        onClose={() => setEditing(null)}
      />
      <DeleteDialog
        target={deleting}
        type="Project"
        title={(p) => `Delete project ${p.name}?`}
        description={() => "The project is removed for everyone."}
        confirmLabel="Delete project"
        mutation={remove}
        variables={(p) => p.identifier}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
