"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/field";
import { Alert, EmptyState, PageHeader } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { TEST_STATUSES, type ConnectorDto, type TestStatus } from "@/lib/connectors/dto";
import { useConnectors, useDeleteConnector } from "@/lib/connectors/hooks";
import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO, type CredentialType } from "@/lib/connectors/schemas";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import { ConnectorTable, type Sort } from "./connector-table";
import { useDebouncedValue } from "./use-debounced-value";

const STATUS_LABELS: Record<TestStatus, string> = {
  SUCCESS: "Success",
  FAILURE: "Failure",
  PARTIAL: "Partial",
  UNKNOWN: "Not tested",
};

function scopeText(org?: string, project?: string) {
  if (project) return `project ${project}`;
  if (org) return `organization ${org}`;
  return "the account";
}

export function ConnectorList() {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const [credentialType, setCredentialType] = useState<CredentialType | "">("");
  const [status, setStatus] = useState<TestStatus | "">("");
  const [sort, setSort] = useState<Sort>({ field: "name", order: "asc" });
  const list = useConnectors(scope, {
    q: q || undefined,
    credentialType: credentialType || undefined,
    lastTestStatus: status || undefined,
    sort: sort.field,
    order: sort.order,
  });
  const remove = useDeleteConnector(scope);
  const [deleting, setDeleting] = useState<ConnectorDto | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || credentialType || status);
  const newHref = href("/connectors/new");

  const clear = () => {
    setSearch("");
    setCredentialType("");
    setStatus("");
  };

  return (
    <>
      <PageHeader
        title="AWS connectors"
        description="Credentials and settings Conduit uses to reach your AWS accounts."
        actions={
          <Button variant="primary" asChild>
            <Link href={newHref}>New connector</Link>
          </Button>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2" role="search" aria-label="Filter connectors">
        <label htmlFor="connector-search" className="sr-only">
          Search by name or identifier
        </label>
        <Input
          id="connector-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search by name or identifier"
          className="min-w-40 max-w-80 flex-1"
        />
        <label htmlFor="connector-type-filter" className="sr-only">
          Credential type
        </label>
        <Select
          id="connector-type-filter"
          value={credentialType}
          onChange={(e) => setCredentialType(e.target.value as CredentialType | "")}
          className="w-52 shrink-0"
        >
          <option value="">All credential types</option>
          {CREDENTIAL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CREDENTIAL_TYPE_INFO[t].label}
            </option>
          ))}
        </Select>
        <label htmlFor="connector-status-filter" className="sr-only">
          Last test status
        </label>
        <Select
          id="connector-status-filter"
          value={status}
          onChange={(e) => setStatus(e.target.value as TestStatus | "")}
          className="w-44 shrink-0"
        >
          <option value="">Any test result</option>
          {TEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        {filtered && (
          <Button variant="ghost" size="sm" onClick={clear}>
            Clear filters
          </Button>
        )}
        {list.isFetching && !list.isFetchingNextPage && !list.isPending && (
          <Spinner label="Updating results" className="size-4 text-muted" />
        )}
      </div>

      {list.isPending && (
        <div className="flex items-center gap-2 py-10 text-sm text-muted">
          <Spinner /> Loading connectors…
        </div>
      )}
      {list.isError && <Alert>{errorMessage(list.error)}</Alert>}
      {list.isSuccess && items.length === 0 && !filtered && (
        <EmptyState
          title="No connectors yet"
          icon="connectors"
          action={
            <Button variant="primary" asChild>
              <Link href={newHref}>New connector</Link>
            </Button>
          }
        >
          A connector holds how Conduit signs in to one AWS account: access keys kept as write-only secrets, the
          server&apos;s own role, IRSA or OIDC federation, plus the test region and retry settings.
        </EmptyState>
      )}
      {list.isSuccess && items.length === 0 && filtered && (
        <EmptyState
          title="No connectors match"
          icon="connectors"
          action={<Button onClick={clear}>Clear filters</Button>}
        >
          Nothing in {scopeText(org, project)} matches these filters.
        </EmptyState>
      )}
      {items.length > 0 && (
        <ConnectorTable
          items={items}
          sort={sort}
          onSort={setSort}
          detailsHref={(id) => href(`/connectors/${encodeURIComponent(id)}`)}
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

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete connector ${deleting?.connector.name ?? ""}?`}
        description={
          <>
            <span className="font-mono">{deleting?.connector.identifier}</span> is removed for everyone, with its test
            history. The secrets it references stay.
          </>
        }
        confirmLabel="Delete connector"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() =>
          deleting && remove.mutate(deleting.connector.identifier, { onSuccess: () => setDeleting(null) })
        }
      />
    </>
  );
}
