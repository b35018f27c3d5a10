"use client";
import { useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { FilterBar, useListSearch } from "@/components/lists/filter-bar";
import { ListResults, Notice } from "@/components/lists/list-results";
import { CreateSecretDialog } from "@/components/secrets/create-secret-dialog";
import { describeScope } from "@/components/secrets/scope-label";
import { Button } from "@/components/ui/button";
import type { ScopeRef } from "@/lib/scope";
import { useDeleteSecret, useSecrets } from "@/lib/secrets/hooks";
import type { SecretDto } from "@/lib/secrets/schemas";
import { EditSecretDialog } from "./edit-secret-dialog";
import { ReplaceValueDialog } from "./replace-value-dialog";
import { SecretTable } from "./secret-table";

export function SecretList({ scope }: { scope: ScopeRef }) {
  const search = useListSearch(250);
  const query = useSecrets(scope, { q: search.q });
  const remove = useDeleteSecret(scope);
  const perms = usePermissions(scope);
  // While a new search loads, keep showing the previous results instead of an empty page.
  const [shown, setShown] = useState<SecretDto[]>();
  if (query.data && query.data !== shown) setShown(query.data);
  const [creating, setCreating] = useState(false);
  const [replacing, setReplacing] = useState<SecretDto | null>(null);
  const [editing, setEditing] = useState<SecretDto | null>(null);
  const [deleting, setDeleting] = useState<SecretDto | null>(null);
  const [notice, setNotice] = useState<string>();
  const open = (set: (s: SecretDto) => void) => (s: SecretDto) => {
    setNotice(undefined);
    set(s);
  };

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-3">
        <FilterBar
          label="Filter secrets"
          search={{ id: "secret-search", value: search.text, onChange: search.setText, label: "Search secrets" }}
          updating={query.isFetching && shown !== undefined}
        />
        {perms.can("secret:edit") && (
          <Button
            variant="primary"
            className="mb-4"
            onClick={() => {
              setNotice(undefined);
              setCreating(true);
            }}
          >
            New secret
          </Button>
        )}
      </div>
      <Notice>{notice}</Notice>
      <ListResults
        query={{
          isPending: !shown && query.isPending,
          isSuccess: shown !== undefined,
          isError: query.isError,
          error: query.error,
        }}
        count={shown?.length ?? 0}
        loading="Loading secrets…"
        icon="secrets"
        empty={{
          title: "No secrets yet",
          children:
            "Secrets hold the sensitive values connectors need, such as an AWS secret access key. Values are encrypted at rest and write-only: once saved they can be replaced, but nobody can read them back. Create one here, or while setting up a connector.",
        }}
        noMatch={
          search.q
            ? {
                title: "No secrets match",
                children: `No secret in ${describeScope(scope)} has “${search.q}” in its name or identifier.`,
              }
            : undefined
        }
      >
        <SecretTable
          items={shown ?? []}
          caption={`Secrets in ${describeScope(scope)}`}
          onReplace={open(setReplacing)}
          onEdit={open(setEditing)}
          onDelete={open(setDeleting)}
          editDisabledReason={perms.reason("secret:edit")}
          deleteDisabledReason={perms.reason("secret:delete")}
        />
      </ListResults>

      <CreateSecretDialog
        open={creating}
        onOpenChange={setCreating}
        scope={scope}
        onCreated={(s) => setNotice(`Created secret ${s.name}. Its value is stored encrypted.`)}
      />
      <ReplaceValueDialog secret={replacing} scope={scope} onClose={() => setReplacing(null)} onSaved={setNotice} />
      <EditSecretDialog secret={editing} scope={scope} onClose={() => setEditing(null)} onSaved={setNotice} />
      <DeleteDialog
        target={deleting}
        type="Secret"
        title={(s) => `Delete secret ${s.name}?`}
        description={() =>
          "The encrypted value is destroyed and cannot be recovered. A secret that connectors still use cannot be deleted."
        }
        confirmLabel="Delete secret"
        mutation={remove}
        variables={(s) => s.identifier}
        onClose={() => setDeleting(null)}
        onDeleted={(s) => setNotice(`Deleted secret ${s.name}.`)}
      />
    </>
  );
}
