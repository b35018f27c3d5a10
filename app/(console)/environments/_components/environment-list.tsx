"use client";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { FilterBar, FilterSelect, useListSearch } from "@/components/lists/filter-bar";
import { ListResults, Notice } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/misc";
import { useDeleteEnvironment, useEnvironments } from "@/lib/environments/hooks";
import {
  ENVIRONMENT_TYPES,
  ENVIRONMENT_TYPE_LABELS,
  type EnvironmentDto,
  type EnvironmentType,
} from "@/lib/environments/schemas";
import { useScope } from "@/lib/scopes/hooks";
import { EnvironmentDialog } from "./environment-dialog";
import { EnvironmentTable } from "./environment-table";

export function EnvironmentList() {
  const { org, project, level, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const search = useListSearch();
  const [type, setType] = useState<EnvironmentType | "">("");
  const list = useEnvironments(scope, { q: search.q, type: type || undefined });
  const remove = useDeleteEnvironment(scope);
  const perms = usePermissions(scope);
  const [editing, setEditing] = useState<EnvironmentDto | null | "new">(null);
  const [deleting, setDeleting] = useState<EnvironmentDto | null>(null);
  const [notice, setNotice] = useState<string>();
  const items = list.data?.items ?? [];
  const filtered = Boolean(search.q || type);
  const infraHref = (env: string, path = "/infrastructures") => {
    const h = href(path);
    return `${h}${h.includes("?") ? "&" : "?"}environment=${encodeURIComponent(env)}`;
  };
  const edit = (target: EnvironmentDto | "new") => {
    setNotice(undefined);
    setEditing(target);
  };
  const newButton = perms.can("environment:edit") ? (
    <Button variant="primary" onClick={() => edit("new")}>
      New environment
    </Button>
  ) : null;

  if (level !== "project") {
    return (
      <>
        <PageHeader
          title="Environments"
          description="The stages your services deploy to, such as staging and production."
        />
        <ProjectScopeRequired what="Environments" level={level} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Environments"
        description="The stages your services deploy to. Each holds the infrastructure definitions that say where, exactly."
        actions={(items.length > 0 || filtered) && newButton ? newButton : undefined}
      />
      <Notice>{notice}</Notice>
      <FilterBar
        label="Filter environments"
        search={{ id: "environment-search", value: search.text, onChange: search.setText }}
        onClear={
          filtered
            ? () => {
                search.setText("");
                setType("");
              }
            : undefined
        }
        updating={list.isFetching && !list.isPending}
      >
        <FilterSelect
          id="environment-type-filter"
          label="Environment type"
          value={type}
          onChange={setType}
          all="All types"
          options={ENVIRONMENT_TYPES.map((t) => ({ value: t, label: ENVIRONMENT_TYPE_LABELS[t] }))}
        />
      </FilterBar>

      <ListResults
        query={list}
        count={items.length}
        loading="Loading environments…"
        icon="environments"
        empty={{
          title: "No environments yet",
          action: newButton,
          children: (
            <>
              Create an environment such as <em>Staging</em> or <em>Production</em> first. Infrastructure definitions,
              the clusters and namespaces your services deploy to, live inside an environment.
            </>
          ),
        }}
        noMatch={
          filtered
            ? { title: "No environments match", children: `Nothing in project ${project} matches these filters.` }
            : undefined
        }
      >
        <EnvironmentTable
          items={items}
          infrastructuresHref={(id) => infraHref(id)}
          newInfrastructureHref={(id) => infraHref(id, "/infrastructures/new")}
          onEdit={edit}
          onDelete={setDeleting}
          editDisabledReason={perms.reason("environment:edit")}
          deleteDisabledReason={perms.reason("environment:delete")}
          canAddInfrastructure={perms.can("infrastructure:edit")}
        />
      </ListResults>

      <EnvironmentDialog
        open={editing !== null}
        item={editing === "new" ? null : editing}
        scope={scope}
        onClose={() => setEditing(null)}
        onSaved={(dto, created) => {
          setEditing(null);
          setNotice(
            created ? `Created environment ${dto.environment.name}.` : `Saved changes to ${dto.environment.name}.`,
          );
        }}
      />
      <DeleteDialog
        target={deleting}
        type="Environment"
        title={(dto) => `Delete environment ${dto.environment.name}?`}
        description={(dto) =>
          dto.infrastructureCount > 0 ? (
            <>
              <span className="font-mono">{dto.environment.identifier}</span> still holds {dto.infrastructureCount}{" "}
              infrastructure definition{dto.infrastructureCount === 1 ? "" : "s"}. Delete or move them first; the server
              refuses otherwise.
            </>
          ) : (
            <>
              <span className="font-mono">{dto.environment.identifier}</span> is removed for everyone in this project.
            </>
          )
        }
        confirmLabel="Delete environment"
        mutation={remove}
        variables={(dto) => dto.environment.identifier}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
