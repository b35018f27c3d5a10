"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { FilterBar, FilterSelect, useListSearch } from "@/components/lists/filter-bar";
import { ListResults, pageItems } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import type { Sort } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/misc";
import { TEST_STATUSES, type ConnectorDto, type TestStatus } from "@/lib/connectors/dto";
import { useConnectors, useDeleteConnector } from "@/lib/connectors/hooks";
import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO, type CredentialType } from "@/lib/connectors/schemas";
import { useScope } from "@/lib/scopes/hooks";
import { ConnectorTable, type SortField } from "./connector-table";

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
  const search = useListSearch();
  const [credentialType, setCredentialType] = useState<CredentialType | "">("");
  const [status, setStatus] = useState<TestStatus | "">("");
  const [sort, setSort] = useState<Sort<SortField>>({ field: "name", order: "asc" });
  const list = useConnectors(scope, {
    q: search.q,
    credentialType: credentialType || undefined,
    lastTestStatus: status || undefined,
    sort: sort.field,
    order: sort.order,
  });
  const remove = useDeleteConnector(scope);
  const perms = usePermissions(scope);
  const [deleting, setDeleting] = useState<ConnectorDto | null>(null);
  const items = pageItems(list.data);
  const filtered = Boolean(search.q || credentialType || status);
  // Offered once the caller is known to be allowed (never shown, then taken away).
  const newButton = perms.can("connector:edit") ? (
    <Button variant="primary" asChild>
      <Link href={href("/connectors/new")}>New connector</Link>
    </Button>
  ) : null;
  const clear = () => {
    search.setText("");
    setCredentialType("");
    setStatus("");
  };

  return (
    <>
      <PageHeader
        title="AWS connectors"
        description="Credentials and settings Conduit uses to reach your AWS accounts."
        actions={newButton ?? undefined}
      />
      <FilterBar
        label="Filter connectors"
        search={{ id: "connector-search", value: search.text, onChange: search.setText }}
        onClear={filtered ? clear : undefined}
        updating={list.isFetching && !list.isFetchingNextPage && !list.isPending}
      >
        <FilterSelect
          id="connector-type-filter"
          label="Credential type"
          value={credentialType}
          onChange={setCredentialType}
          all="All credential types"
          options={CREDENTIAL_TYPES.map((t) => ({ value: t, label: CREDENTIAL_TYPE_INFO[t].label }))}
          className="w-52"
        />
        <FilterSelect
          id="connector-status-filter"
          label="Last test status"
          value={status}
          onChange={setStatus}
          all="Any test result"
          options={TEST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          className="w-44"
        />
      </FilterBar>

      <ListResults
        query={list}
        count={items.length}
        loading="Loading connectors…"
        icon="connectors"
        empty={{
          title: "No connectors yet",
          action: newButton,
          children: (
            <>
              A connector holds how Conduit signs in to one AWS account: access keys kept as write-only secrets, the
              server&apos;s own role, IRSA or OIDC federation, plus the test region and retry settings.
            </>
          ),
        }}
        noMatch={
          filtered
            ? {
                title: "No connectors match",
                onClear: clear,
                children: `Nothing in ${scopeText(org, project)} matches these filters.`,
              }
            : undefined
        }
      >
        <ConnectorTable
          items={items}
          sort={sort}
          onSort={setSort}
          detailsHref={(id) => href(`/connectors/${encodeURIComponent(id)}`)}
          onDelete={setDeleting}
          deleteDisabledReason={perms.reason("connector:delete")}
        />
      </ListResults>

      <DeleteDialog
        target={deleting}
        type="Connector"
        title={(dto) => `Delete connector ${dto.connector.name}?`}
        description={(dto) => (
          <>
            <span className="font-mono">{dto.connector.identifier}</span> is removed for everyone, with its test
            history. The secrets it references stay.
          </>
        )}
        confirmLabel="Delete connector"
        mutation={remove}
        variables={(dto) => dto.connector.identifier}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
