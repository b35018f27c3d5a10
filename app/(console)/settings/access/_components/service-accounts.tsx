"use client";
import { useState } from "react";
import { z } from "zod";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { useResourceForm } from "@/components/forms/use-resource-form";
import {
  useCreateServiceAccount,
  useDeleteServiceAccount,
  useServiceAccounts,
  useTokens,
  type TokenOwner,
} from "@/components/identity/hooks";
import type { Permissions } from "@/components/identity/permissions";
import { NewTokenDialog, RevokeTokenDialog, TokenTable } from "@/components/identity/tokens";
import { DeleteDialog } from "@/components/lists/delete-dialog";
import { ListResults, Notice } from "@/components/lists/list-results";
import { describeScope } from "@/components/secrets/scope-label";
import { Button } from "@/components/ui/button";
import { DataTable, NameCell, actionsColumn, type Column } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { Alert, Time } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { serviceAccountCreateSchema, type ServiceAccountDto, type TokenDto } from "@/lib/auth/schemas";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { FormActions } from "@/components/ui/form-actions";

const createSchema = serviceAccountCreateSchema.extend({ description: z.string().max(1024) });

function NewServiceAccountForm({
  scope,
  onCancel,
  onCreated,
}: {
  scope: ScopeRef;
  onCancel: () => void;
  onCreated: (sa: ServiceAccountDto) => void;
}) {
  const create = useCreateServiceAccount(scope);
  const { form, submit, alerts } = useResourceForm({
    schema: createSchema,
    defaultValues: { name: "", identifier: "", description: "" },
    fields: ["name", "identifier", "description"],
  });
  const save = submit(async (input) => onCreated(await create.mutateAsync(input)));
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="New service account" className="flex flex-col gap-4">
      {alerts}
      <NameIdentifierFields
        form={form}
        locked={false}
        autoFocus
        namePlaceholder="GitHub Actions deploy"
        identifierHint="Derived from the name; it cannot change later."
      />
      <Field label="Description" error={form.formState.errors.description?.message}>
        {(a) => <Textarea {...a} {...form.register("description")} rows={2} placeholder="What uses it" />}
      </Field>
      <FormActions onCancel={onCancel} pending={form.formState.isSubmitting} submitLabel="Create service account" />
    </form>
  );
}

/** One service account's tokens, under its row. */
function ServiceAccountTokens({ sa, scope, perms }: { sa: ServiceAccountDto; scope: ScopeRef; perms: Permissions }) {
  const owner: TokenOwner = { kind: "serviceAccount", identifier: sa.identifier, scope };
  const tokens = useTokens(owner);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenDto | null>(null);
  const manage = perms.reason("access:manage");
  const items = tokens.data ?? [];
  return (
    <section aria-label={`Tokens of ${sa.name}`} className="flex flex-col gap-3 py-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Tokens of {sa.name}</h3>
        <Button size="sm" onClick={() => setCreating(true)} disabledReason={manage}>
          New token
        </Button>
      </div>
      {tokens.isPending ? (
        <p className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Loading tokens…
        </p>
      ) : tokens.isError ? (
        <Alert>{errorMessage(tokens.error)}</Alert>
      ) : items.length === 0 ? (
        <p className="text-sm text-muted">
          No tokens yet. A token is how {sa.name} calls the API: <code>Authorization: Bearer cdt_…</code>.
        </p>
      ) : (
        <TokenTable
          items={items}
          caption={`Tokens of service account ${sa.name}`}
          onRevoke={setRevoking}
          revokeDisabledReason={manage}
        />
      )}
      <NewTokenDialog
        open={creating}
        onOpenChange={setCreating}
        owner={owner}
        title={`New token for ${sa.name}`}
        description={`It acts as the service account ${sa.identifier}, with the roles bound to it.`}
      />
      <RevokeTokenDialog owner={owner} target={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}

export function ServiceAccounts({ scope, perms }: { scope: ScopeRef; perms: Permissions }) {
  const accounts = useServiceAccounts(scope);
  const remove = useDeleteServiceAccount(scope);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ServiceAccountDto | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();
  const items = accounts.data ?? [];
  const manage = perms.reason("access:manage");

  const columns: Column<ServiceAccountDto>[] = [
    {
      id: "name",
      header: "Service account",
      cell: (sa) => (
        <NameCell name={sa.name} identifier={sa.identifier}>
          {sa.description && <p className="mt-1 line-clamp-2 max-w-md text-xs text-muted">{sa.description}</p>}
        </NameCell>
      ),
    },
    {
      id: "created",
      header: "Created",
      hideBelow: "md",
      className: "whitespace-nowrap text-xs text-muted",
      cell: (sa) => <Time iso={sa.createdAt} />,
    },
    actionsColumn((sa) => (
      <>
        <Button
          size="sm"
          aria-expanded={open === sa.identifier}
          aria-label={`Tokens of ${sa.name}`}
          onClick={() => setOpen(open === sa.identifier ? null : sa.identifier)}
        >
          {open === sa.identifier ? "Hide tokens" : "Tokens"}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="text-danger"
          onClick={() => {
            setNotice(undefined);
            setDeleting(sa);
          }}
          aria-label={`Delete service account ${sa.name}`}
          disabledReason={manage}
        >
          Delete
        </Button>
      </>
    )),
  ];

  const newButton = perms.can("access:manage") ? (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(undefined);
        setCreating(true);
      }}
    >
      New service account
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted">
          Identities for scripts and CI in {describeScope(scope)}. A service account can do what the roles bound to it
          allow, with its tokens; grant it a role on the Role bindings tab.
        </p>
        {items.length > 0 && newButton}
      </div>
      <Notice>{notice}</Notice>
      <ListResults
        query={accounts}
        count={items.length}
        loading="Loading service accounts…"
        icon="key"
        empty={{
          title: "No service accounts here",
          action: newButton,
          children: `Create one for each pipeline or script that calls Conduit's API in ${describeScope(scope)}, rather than using a person's token.`,
        }}
      >
        <DataTable
          caption={`Service accounts in ${describeScope(scope)}`}
          columns={columns}
          rows={items}
          rowKey={(sa) => sa.identifier}
          rowLabel={(sa) => `Service account ${sa.name}`}
          expanded={(sa) => open === sa.identifier && <ServiceAccountTokens sa={sa} scope={scope} perms={perms} />}
        />
      </ListResults>

      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New service account"
        description={`Created in ${describeScope(scope)}. It can do nothing until you grant it a role.`}
      >
        {creating && (
          <NewServiceAccountForm
            scope={scope}
            onCancel={() => setCreating(false)}
            onCreated={(sa) => {
              setCreating(false);
              setOpen(sa.identifier);
              setNotice(`Created service account ${sa.name}. Grant it a role, then create a token for it below.`);
            }}
          />
        )}
      </Dialog>
      <DeleteDialog
        target={deleting}
        type="ServiceAccount"
        title={(sa) => `Delete service account ${sa.name}?`}
        description={(sa) => (
          <>
            <span className="font-mono">{sa.identifier}</span> is removed with its tokens and role bindings: anything
            using its tokens is refused from now on.
          </>
        )}
        confirmLabel="Delete service account"
        mutation={remove}
        variables={(sa) => sa.identifier}
        onClose={() => setDeleting(null)}
        onDeleted={(sa) => setNotice(`Deleted service account ${sa.name}.`)}
      />
    </div>
  );
}
