"use client";
import { useMemo, useState } from "react";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/field";
import { Alert, EmptyState, PageHeader } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useDeleteEnvironment, useEnvironments } from "@/lib/environments/hooks";
import {
  ENVIRONMENT_TYPES,
  ENVIRONMENT_TYPE_LABELS,
  type EnvironmentDto,
  type EnvironmentType,
} from "@/lib/environments/schemas";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import { useDebouncedValue } from "../../connectors/_components/use-debounced-value";
import { EnvironmentDialog } from "./environment-dialog";
import { EnvironmentTable } from "./environment-table";

export function EnvironmentList() {
  const { org, project, level, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const [type, setType] = useState<EnvironmentType | "">("");
  const list = useEnvironments(scope, { q: q || undefined, type: type || undefined });
  const remove = useDeleteEnvironment(scope);
  const [editing, setEditing] = useState<EnvironmentDto | null | "new">(null);
  const [deleting, setDeleting] = useState<EnvironmentDto | null>(null);
  const [notice, setNotice] = useState<string>();
  const items = list.data?.items ?? [];
  const filtered = Boolean(q || type);
  const infraHref = (env: string, path = "/infrastructures") => {
    const h = href(path);
    return `${h}${h.includes("?") ? "&" : "?"}environment=${encodeURIComponent(env)}`;
  };

  const newButton = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(undefined);
        setEditing("new");
      }}
    >
      New environment
    </Button>
  );

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
        actions={items.length > 0 || filtered ? newButton : undefined}
      />
      {notice && (
        <div className="mb-4">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      <div className="mb-4 flex flex-wrap items-center gap-2" role="search" aria-label="Filter environments">
        <label htmlFor="environment-search" className="sr-only">
          Search by name or identifier
        </label>
        <Input
          id="environment-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search by name or identifier"
          className="min-w-40 max-w-80 flex-1"
        />
        <label htmlFor="environment-type-filter" className="sr-only">
          Environment type
        </label>
        <Select
          id="environment-type-filter"
          value={type}
          onChange={(e) => setType(e.target.value as EnvironmentType | "")}
          className="w-48 shrink-0"
        >
          <option value="">All types</option>
          {ENVIRONMENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {ENVIRONMENT_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
        {list.isFetching && !list.isPending && <Spinner label="Updating results" className="size-4 text-muted" />}
      </div>

      {list.isPending && (
        <div className="flex items-center gap-2 py-10 text-sm text-muted">
          <Spinner /> Loading environments…
        </div>
      )}
      {list.isError && <Alert>{errorMessage(list.error)}</Alert>}
      {list.isSuccess && items.length === 0 && !filtered && (
        <EmptyState title="No environments yet" icon="environments" action={newButton}>
          Create an environment such as <em>Staging</em> or <em>Production</em> first. Infrastructure definitions, the
          clusters and namespaces your services deploy to, live inside an environment.
        </EmptyState>
      )}
      {list.isSuccess && items.length === 0 && filtered && (
        <EmptyState
          title="No environments match"
          icon="environments"
          action={
            <Button
              onClick={() => {
                setSearch("");
                setType("");
              }}
            >
              Clear filters
            </Button>
          }
        >
          Nothing in project {project} matches these filters.
        </EmptyState>
      )}
      {items.length > 0 && (
        <EnvironmentTable
          items={items}
          infrastructuresHref={(id) => infraHref(id)}
          newInfrastructureHref={(id) => infraHref(id, "/infrastructures/new")}
          onEdit={(dto) => {
            setNotice(undefined);
            setEditing(dto);
          }}
          onDelete={(dto) => {
            remove.reset();
            setDeleting(dto);
          }}
        />
      )}

      <EnvironmentDialog
        open={editing !== null}
        environment={editing === "new" ? null : editing}
        scope={scope}
        onClose={() => setEditing(null)}
        onSaved={(dto, created) => {
          setEditing(null);
          setNotice(
            created ? `Created environment ${dto.environment.name}.` : `Saved changes to ${dto.environment.name}.`,
          );
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete environment ${deleting?.environment.name ?? ""}?`}
        description={
          deleting && deleting.infrastructureCount > 0 ? (
            <>
              <span className="font-mono">{deleting.environment.identifier}</span> still holds{" "}
              {deleting.infrastructureCount} infrastructure definition{deleting.infrastructureCount === 1 ? "" : "s"}.
              Delete or move them first; the server refuses otherwise.
            </>
          ) : (
            <>
              <span className="font-mono">{deleting?.environment.identifier}</span> is removed for everyone in this
              project.
            </>
          )
        }
        confirmLabel="Delete environment"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() =>
          deleting && remove.mutate(deleting.environment.identifier, { onSuccess: () => setDeleting(null) })
        }
      />
    </>
  );
}
