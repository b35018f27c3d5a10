"use client";
import { useState } from "react";
import { ScopeItemForm } from "@/components/scopes/scope-item-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/http/client";
import { useDeleteOrganization, useOrganizations, useSaveOrganization } from "@/lib/scopes/hooks";
import type { OrganizationDto } from "@/lib/scopes/schemas";
import { ProjectList } from "./project-list";

export function OrganizationList() {
  const orgs = useOrganizations();
  const save = useSaveOrganization();
  const remove = useDeleteOrganization();
  const [editing, setEditing] = useState<OrganizationDto | "new" | null>(null);
  const [deleting, setDeleting] = useState<OrganizationDto | null>(null);

  return (
    <div className="flex flex-col gap-4">
      <div>
        <Button variant="primary" onClick={() => setEditing("new")}>
          New organization
        </Button>
      </div>
      {orgs.isLoading && <Spinner label="Loading organizations" />}
      {orgs.isError && <Alert>{errorMessage(orgs.error)}</Alert>}
      {orgs.data?.length === 0 && (
        <EmptyState title="No organizations" icon="organizations">
          Create an organization to group projects and the connectors they use.
        </EmptyState>
      )}
      <ul className="flex flex-col gap-4" aria-label="Organizations">
        {orgs.data?.map((org) => (
          <li
            key={org.identifier}
            className="rounded-lg border border-border bg-surface"
            aria-label={`Organization ${org.name}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border p-4">
              <div>
                <h2 className="font-semibold">{org.name}</h2>
                <p className="font-mono text-xs text-muted">{org.identifier}</p>
                {org.description && <p className="mt-1 text-sm text-muted">{org.description}</p>}
              </div>
              <div className="flex gap-2">
                <Button size="sm" onClick={() => setEditing(org)} aria-label={`Edit organization ${org.name}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    remove.reset();
                    setDeleting(org);
                  }}
                  aria-label={`Delete organization ${org.name}`}
                >
                  Delete
                </Button>
              </div>
            </div>
            <ProjectList org={org} />
          </li>
        ))}
      </ul>

      <Dialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        title={editing === "new" ? "New organization" : "Edit organization"}
      >
        {editing !== null && (
          <ScopeItemForm
            kind="organization"
            initial={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSubmit={async (input) => {
              await save.mutateAsync({ existing: editing === "new" ? undefined : editing, input });
              setEditing(null);
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete organization ${deleting?.name ?? ""}?`}
        description="The organization is removed for everyone. An organization that still has projects cannot be deleted."
        confirmLabel="Delete organization"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() => deleting && remove.mutate(deleting.identifier, { onSuccess: () => setDeleting(null) })}
      />
    </div>
  );
}
