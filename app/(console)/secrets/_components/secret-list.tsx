"use client";
import { useEffect, useState } from "react";
import { CreateSecretDialog } from "@/components/secrets/create-secret-dialog";
import { describeScope } from "@/components/secrets/scope-label";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { useSecrets } from "@/lib/secrets/hooks";
import type { SecretDto } from "@/lib/secrets/schemas";
import { DeleteSecretDialog } from "./delete-secret-dialog";
import { EditSecretDialog } from "./edit-secret-dialog";
import { ReplaceValueDialog } from "./replace-value-dialog";
import { SecretTable } from "./secret-table";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export function SecretList({ scope }: { scope: ScopeRef }) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const query = useSecrets(scope, { q: q || undefined });
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
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <form
          role="search"
          aria-label="Secrets"
          className="flex items-center gap-3"
          onSubmit={(e) => e.preventDefault()}
        >
          <label htmlFor="secret-search" className="sr-only">
            Search secrets
          </label>
          <Input
            id="secret-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search by name or identifier"
            className="w-72"
          />
          {query.isFetching && shown && <Spinner label="Searching" />}
        </form>
        <Button
          variant="primary"
          onClick={() => {
            setNotice(undefined);
            setCreating(true);
          }}
        >
          New secret
        </Button>
      </div>

      {notice && <Alert tone="success">{notice}</Alert>}
      {query.isError && <Alert>{errorMessage(query.error)}</Alert>}
      {!shown && query.isPending && <Spinner label="Loading secrets" />}
      {shown?.length === 0 &&
        (q ? (
          <EmptyState title="No secrets match" icon="secrets">
            No secret in {describeScope(scope)} has “{q}” in its name or identifier.
          </EmptyState>
        ) : (
          <EmptyState title="No secrets yet" icon="secrets">
            Secrets hold the sensitive values connectors need, such as an AWS secret access key. Values are encrypted at
            rest and write-only: once saved they can be replaced, but nobody can read them back. Create one here, or
            while setting up a connector.
          </EmptyState>
        ))}
      {shown && shown.length > 0 && (
        <SecretTable
          items={shown}
          caption={`Secrets in ${describeScope(scope)}`}
          onReplace={open(setReplacing)}
          onEdit={open(setEditing)}
          onDelete={open(setDeleting)}
        />
      )}

      <CreateSecretDialog
        open={creating}
        onOpenChange={setCreating}
        scope={scope}
        onCreated={(s) => setNotice(`Created secret ${s.name}. Its value is stored encrypted.`)}
      />
      <ReplaceValueDialog secret={replacing} scope={scope} onClose={() => setReplacing(null)} onSaved={setNotice} />
      <EditSecretDialog secret={editing} scope={scope} onClose={() => setEditing(null)} onSaved={setNotice} />
      <DeleteSecretDialog secret={deleting} scope={scope} onClose={() => setDeleting(null)} onDeleted={setNotice} />
    </div>
  );
}
