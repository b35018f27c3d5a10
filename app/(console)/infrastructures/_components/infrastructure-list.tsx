"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { infrastructureHref, newInfrastructureHref, withParam } from "@/components/infrastructures/links";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { FilterBar, FilterSelect, useListSearch } from "@/components/lists/filter-bar";
import { ListResults, pageItems } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader } from "@/components/ui/misc";
import { useEnvironments } from "@/lib/environments/hooks";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import { errorMessage } from "@/lib/http/client";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { useDeleteInfrastructure, useInfrastructures } from "@/lib/infrastructures/hooks";
import { useScope } from "@/lib/scopes/hooks";
import { InfrastructureTable } from "./infrastructure-table";

const TITLE = "Infrastructure definitions";
const DESCRIPTION =
  "Where your services deploy: an EKS cluster, namespace and release name, reached through an AWS connector.";

export function InfrastructureList() {
  const { org, project, level, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const environment = useSearchParams().get("environment") ?? "";
  const search = useListSearch();
  const environments = useEnvironments(scope);
  const list = useInfrastructures(scope, { environment: environment || undefined, q: search.q });
  const remove = useDeleteInfrastructure(scope);
  const perms = usePermissions(scope);
  const [deleting, setDeleting] = useState<InfrastructureDto | null>(null);
  const items = pageItems(list.data);
  const envs = environments.data?.items ?? [];
  const current = envs.find((e) => e.environment.identifier === environment);
  const where = current ? current.environment.name : `project ${project}`;

  if (level !== "project") {
    return (
      <>
        <PageHeader title={TITLE} description={DESCRIPTION} />
        <ProjectScopeRequired what="Environments and their infrastructure definitions" level={level} />
      </>
    );
  }

  const noEnvironments = environments.isSuccess && envs.length === 0;
  const newButton = perms.can("infrastructure:edit") ? (
    <Button variant="primary" asChild>
      <Link href={newInfrastructureHref(href, environment || undefined)}>New infrastructure definition</Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={TITLE}
        description={DESCRIPTION}
        actions={noEnvironments || !newButton ? undefined : newButton}
      />
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
          <FilterBar
            label="Filter infrastructure definitions"
            search={{ id: "infra-search", value: search.text, onChange: search.setText }}
            updating={list.isFetching && !list.isFetchingNextPage && !list.isPending}
          >
            <FilterSelect
              id="infra-environment-filter"
              label="Environment"
              value={environment}
              disabled={environments.isPending}
              onChange={(env) => router.replace(withParam(href("/infrastructures"), "environment", env || undefined))}
              all="All environments"
              options={envs.map(({ environment: e }) => ({
                value: e.identifier,
                label: `${e.name} (${ENVIRONMENT_TYPE_LABELS[e.type]})`,
              }))}
              className="w-72"
            />
          </FilterBar>
          <ListResults
            query={list}
            count={items.length}
            loading="Loading infrastructure definitions…"
            icon="infrastructure"
            empty={{
              title: current
                ? `No infrastructure definitions in ${current.environment.name}`
                : "No infrastructure definitions yet",
              action: newButton,
              children:
                "Pick an AWS connector, then a region, cluster and namespace, each as a fixed value, a runtime input or an expression.",
            }}
            noMatch={
              search.q
                ? {
                    title: "No definitions match",
                    action: <Button onClick={() => search.setText("")}>Clear search</Button>,
                    children: `Nothing in ${where} matches “${search.q}”.`,
                  }
                : undefined
            }
          >
            <InfrastructureTable
              items={items}
              showEnvironment={!environment}
              detailsHref={(dto) =>
                infrastructureHref(href, dto.environment.identifier, dto.infrastructureDefinition.identifier)
              }
              onDelete={setDeleting}
              deleteDisabledReason={perms.reason("infrastructure:delete")}
            />
          </ListResults>
        </>
      )}
      <DeleteDialog
        target={deleting}
        type="InfrastructureDefinition"
        title={(dto) => `Delete infrastructure definition ${dto.infrastructureDefinition.name}?`}
        description={(dto) => (
          <>
            <span className="font-mono">{dto.infrastructureDefinition.identifier}</span> is removed from{" "}
            {dto.environment.name}. Pipelines that deploy to it stop working.
          </>
        )}
        confirmLabel="Delete definition"
        mutation={remove}
        variables={(dto) => ({
          environment: dto.environment.identifier,
          identifier: dto.infrastructureDefinition.identifier,
        })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
