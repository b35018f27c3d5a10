"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { infrastructureHref, newInfrastructureHref, withParam } from "@/components/infrastructures/links";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/field";
import { Alert, EmptyState, PageHeader } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useEnvironments } from "@/lib/environments/hooks";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import { errorMessage } from "@/lib/http/client";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { useDeleteInfrastructure, useInfrastructures } from "@/lib/infrastructures/hooks";
import { useScope } from "@/lib/scopes/hooks";
import { useDebouncedValue } from "../../connectors/_components/use-debounced-value";
import { InfrastructureTable } from "./infrastructure-table";

const TITLE = "Infrastructure definitions";
const DESCRIPTION =
  "Where your services deploy: an EKS cluster, namespace and release name, reached through an AWS connector.";

export function InfrastructureList() {
  const { org, project, level, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const environment = useSearchParams().get("environment") ?? "";
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const environments = useEnvironments(scope);
  const list = useInfrastructures(scope, { environment: environment || undefined, q: q || undefined });
  const remove = useDeleteInfrastructure(scope);
  const [deleting, setDeleting] = useState<InfrastructureDto | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const envs = environments.data?.items ?? [];
  const current = envs.find((e) => e.environment.identifier === environment);
  const newHref = newInfrastructureHref(href, environment || undefined);

  if (level !== "project") {
    return (
      <>
        <PageHeader title={TITLE} description={DESCRIPTION} />
        <ProjectScopeRequired what="Environments and their infrastructure definitions" level={level} />
      </>
    );
  }

  const noEnvironments = environments.isSuccess && envs.length === 0;
  const newButton = (
    <Button variant="primary" asChild>
      <Link href={newHref}>New infrastructure definition</Link>
    </Button>
  );

  return (
    <>
      <PageHeader title={TITLE} description={DESCRIPTION} actions={noEnvironments ? undefined : newButton} />
      {environments.isError && <Alert>{errorMessage(environments.error)}</Alert>}
      {noEnvironments ? (
        <EmptyState
          title="Create an environment first"
          icon="environments"
          action={
            <Button variant="primary" asChild>
              <Link href={href("/environments")}>Go to environments</Link>
            </Button>
          }
        >
          Infrastructure definitions belong to an environment, such as <em>Staging</em> or <em>Production</em>. Project{" "}
          {project} has none yet.
        </EmptyState>
      ) : (
        <>
          <div
            className="mb-4 flex flex-wrap items-center gap-2"
            role="search"
            aria-label="Filter infrastructure definitions"
          >
            <label htmlFor="infra-environment-filter" className="sr-only">
              Environment
            </label>
            <Select
              id="infra-environment-filter"
              value={environment}
              disabled={environments.isPending}
              onChange={(e) =>
                router.replace(withParam(href("/infrastructures"), "environment", e.target.value || undefined))
              }
              className="w-72 shrink-0"
            >
              <option value="">All environments</option>
              {envs.map((e) => (
                <option key={e.environment.identifier} value={e.environment.identifier}>
                  {e.environment.name} ({ENVIRONMENT_TYPE_LABELS[e.environment.type]})
                </option>
              ))}
            </Select>
            <label htmlFor="infra-search" className="sr-only">
              Search by name or identifier
            </label>
            <Input
              id="infra-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Search by name or identifier"
              className="min-w-40 max-w-80 flex-1"
            />
            {list.isFetching && !list.isPending && <Spinner label="Updating results" className="size-4 text-muted" />}
          </div>
          {list.isPending && (
            <div className="flex items-center gap-2 py-10 text-sm text-muted">
              <Spinner /> Loading infrastructure definitions…
            </div>
          )}
          {list.isError && <Alert>{errorMessage(list.error)}</Alert>}
          {list.isSuccess && items.length === 0 && (
            <EmptyState
              title={
                q
                  ? "No definitions match"
                  : current
                    ? `No infrastructure definitions in ${current.environment.name}`
                    : "No infrastructure definitions yet"
              }
              icon="infrastructure"
              action={q ? <Button onClick={() => setSearch("")}>Clear search</Button> : newButton}
            >
              {q
                ? `Nothing in ${current ? current.environment.name : `project ${project}`} matches “${q}”.`
                : "Pick an AWS connector, then a region, cluster and namespace, each as a fixed value, a runtime input or an expression."}
            </EmptyState>
          )}
          {items.length > 0 && (
            <InfrastructureTable
              items={items}
              showEnvironment={!environment}
              detailsHref={(dto) =>
                infrastructureHref(href, dto.environment.identifier, dto.infrastructureDefinition.identifier)
              }
              onDelete={(dto) => {
                remove.reset();
                setDeleting(dto);
              }}
            />
          )}
          {list.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete infrastructure definition ${deleting?.infrastructureDefinition.name ?? ""}?`}
        description={
          <>
            <span className="font-mono">{deleting?.infrastructureDefinition.identifier}</span> is removed from{" "}
            {deleting?.environment.name}. Pipelines that deploy to it stop working.
          </>
        }
        confirmLabel="Delete definition"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { environment: deleting.environment.identifier, identifier: deleting.infrastructureDefinition.identifier },
            { onSuccess: () => setDeleting(null) },
          )
        }
      />
    </>
  );
}
