"use client";
import { useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { ListResults } from "@/components/lists/list-results";
import { ScopeItemDialog } from "@/components/scopes/scope-item-form";
import { Button } from "@/components/ui/button";
import { useDeleteOrganization, useOrganizations, useSaveOrganization } from "@/lib/scopes/hooks";
import type { OrganizationDto } from "@/lib/scopes/schemas";
import { ProjectList } from "./project-list";

const ACCOUNT = {};

export function OrganizationList() {
  const orgs = useOrganizations();
  const save = useSaveOrganization();
  const remove = useDeleteOrganization();
  // Organizations are made at the account.
  const account = usePermissions(ACCOUNT);
  const [editing, setEditing] = useState<OrganizationDto | "new" | null>(null);
  const [deleting, setDeleting] = useState<OrganizationDto | null>(null);
  const items = orgs.data ?? [];

  return (
    <div className="flex flex-col gap-4">
      {account.can("org:edit") && (
        <div>
          <Button variant="primary" onClick={() => setEditing("new")}>
            New organization
          </Button>
        </div>
      )}
      <ListResults
        query={orgs}
        count={items.length}
        loading="Loading organizations…"
        icon="organizations"
        empty={{
          title: "No organizations",
          children: "Create an organization to group projects and the connectors they use.",
        }}
      >
        <ul className="flex flex-col gap-4" aria-label="Organizations">
          {items.map((org) => (
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
                    onClick={() => setDeleting(org)}
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
      </ListResults>

      <ScopeItemDialog
        kind="organization"
        title={editing === "new" ? "New organization" : "Edit organization"}
        editing={editing}
        list={orgs}
        save={save.mutateAsync}
        onClose={() => setEditing(null)}
      />
      <DeleteDialog
        target={deleting}
        type="Organization"
        title={(o) => `Delete organization ${o.name}?`}
        description={() =>
          "The organization is removed for everyone. An organization that still has projects cannot be deleted."
        }
        confirmLabel="Delete organization"
        mutation={remove}
        variables={(o) => o.identifier}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
