"use client";
import { useState } from "react";
import { useResourceForm } from "@/components/forms/use-resource-form";
import {
  useCreateUser,
  useMe,
  useNewPasswordLink,
  useSetUserDisabled,
  useUsers,
  type UserWithLink,
} from "@/components/identity/hooks";
import { FilterBar, useListSearch } from "@/components/lists/filter-bar";
import { ListResults, Notice } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, actionsColumn, type Column } from "@/components/ui/data-table";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { Alert, Badge, Time } from "@/components/ui/misc";
import { userCreateSchema, type UserDto } from "@/lib/auth/schemas";
import { errorMessage } from "@/lib/http/client";
import { FormActions } from "@/components/ui/form-actions";

const ACCOUNT = {};

function signInMethod(u: UserDto): { tone: "success" | "warning" | "info"; label: string } {
  if (u.sso && u.hasPassword) return { tone: "info", label: "Password and SSO" };
  if (u.sso) return { tone: "info", label: "SSO" };
  if (u.hasPassword) return { tone: "success", label: "Password set" };
  return { tone: "warning", label: "No password yet" };
}

/** The one-time set-password link, to hand to the user. */
function PasswordLink({ result, fresh }: { result: UserWithLink; fresh: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="warning" title="Shown only now">
        Send this link to {result.user.name} yourself (chat, email). With it they choose their password; it works once
        and for 24 hours.{fresh ? "" : " Links made earlier keep working until they are used or expire."}
      </Alert>
      <Field label="Set-password link">
        {(a) => (
          <div className="flex gap-2">
            <Input
              {...a}
              readOnly
              value={result.setPasswordUrl}
              className="font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={result.setPasswordUrl} label="Copy link" />
          </div>
        )}
      </Field>
    </div>
  );
}

function NewUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (r: UserWithLink) => void }) {
  const create = useCreateUser();
  const { form, submit, alerts } = useResourceForm({
    schema: userCreateSchema,
    defaultValues: { name: "", email: "" },
    fields: ["name", "email"],
  });
  const { errors } = form.formState;
  const save = submit(async (input) => onCreated(await create.mutateAsync(input).finally(() => create.reset())));
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="New user" className="flex flex-col gap-4">
      {alerts}
      <Field label="Name" required error={errors.name?.message}>
        {(a) => <Input {...a} {...form.register("name")} autoComplete="off" autoFocus />}
      </Field>
      <Field label="Email" required error={errors.email?.message} hint="They sign in with it.">
        {(a) => <Input {...a} {...form.register("email")} type="email" autoComplete="off" spellCheck={false} />}
      </Field>
      <p className="text-sm text-muted">
        A new user has no role: grant one on the Role bindings tab of the account, an organization or a project.
      </p>
      <FormActions onCancel={onCancel} pending={form.formState.isSubmitting} submitLabel="Create user" />
    </form>
  );
}

/** Everyone who can sign in (account-wide; Account Admins only). */
export function Users() {
  const search = useListSearch(250);
  const users = useUsers(search.q, ACCOUNT);
  const me = useMe(ACCOUNT);
  const setDisabled = useSetUserDisabled();
  const newLink = useNewPasswordLink();
  const [shownItems, setShownItems] = useState<UserDto[]>();
  if (users.data && users.data !== shownItems) setShownItems(users.data);
  const [creating, setCreating] = useState(false);
  // The link dialog: right after creating a user, or after "New set-password link".
  const [link, setLink] = useState<{ result: UserWithLink; fresh: boolean }>();
  const [disabling, setDisabling] = useState<UserDto | null>(null);
  const [lastDisabling, setLastDisabling] = useState<UserDto | null>(null);
  if (disabling !== null && disabling !== lastDisabling) setLastDisabling(disabling);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const items = shownItems ?? [];

  const act = (f: () => void) => {
    setNotice(undefined);
    setFailure(undefined);
    f();
  };
  const enable = (u: UserDto) =>
    act(() =>
      setDisabled.mutate(
        { id: u.id, disabled: false },
        {
          onSuccess: () => setNotice(`Enabled ${u.name}. They can sign in again.`),
          onError: (err) => setFailure(errorMessage(err)),
        },
      ),
    );
  const makeLink = (u: UserDto) =>
    act(() =>
      newLink.mutate(u.id, {
        onSuccess: (result) => {
          newLink.reset();
          setLink({ result, fresh: false });
        },
        onError: (err) => setFailure(errorMessage(err)),
      }),
    );

  const columns: Column<UserDto>[] = [
    {
      id: "user",
      header: "User",
      cell: (u) => (
        <div className="max-w-40 min-w-0 sm:max-w-80">
          <div className="font-medium break-words">
            {u.name}
            {u.id === me.data?.id && <span className="font-normal text-muted"> (you)</span>}
          </div>
          <div className="truncate text-xs text-muted" title={u.email}>
            {u.email}
          </div>
          {/* Phones have no Status column: a disabled user says so here. */}
          {u.disabled && (
            <Badge tone="danger" className="mt-1 sm:hidden">
              Disabled
            </Badge>
          )}
        </div>
      ),
    },
    {
      id: "status",
      header: "Status",
      hideBelow: "sm",
      cell: (u) => (u.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
    },
    {
      id: "signin",
      header: "Sign-in",
      hideBelow: "md",
      cell: (u) => {
        const m = signInMethod(u);
        return <Badge tone={m.tone}>{m.label}</Badge>;
      },
    },
    {
      id: "created",
      header: "Created",
      hideBelow: "lg",
      className: "whitespace-nowrap text-xs text-muted",
      cell: (u) => <Time iso={u.createdAt} />,
    },
    actionsColumn((u) => (
      <div className="flex flex-col items-end gap-1.5 sm:flex-row">
        {!u.disabled && (
          <Button
            size="sm"
            onClick={() => makeLink(u)}
            loading={newLink.isPending && newLink.variables === u.id}
            aria-label={`New set-password link for ${u.name}`}
          >
            New set-password link
          </Button>
        )}
        {u.disabled ? (
          <Button
            size="sm"
            onClick={() => enable(u)}
            loading={setDisabled.isPending && setDisabled.variables?.id === u.id}
            aria-label={`Enable ${u.name}`}
          >
            Enable
          </Button>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            className="text-danger"
            onClick={() => act(() => setDisabling(u))}
            aria-label={`Disable ${u.name}`}
            disabledReason={u.id === me.data?.id ? "You cannot disable yourself." : undefined}
          >
            Disable
          </Button>
        )}
      </div>
    )),
  ];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-x-3">
        <FilterBar
          label="Filter users"
          search={{
            id: "user-search",
            value: search.text,
            onChange: search.setText,
            label: "Search users",
            placeholder: "Search by name or email",
          }}
          updating={users.isFetching && shownItems !== undefined}
        />
        <Button variant="primary" className="mb-4" onClick={() => act(() => setCreating(true))}>
          New user
        </Button>
      </div>
      <Notice>{notice}</Notice>
      {failure && <Alert>{failure}</Alert>}
      <ListResults
        query={{
          isPending: !shownItems && users.isPending,
          isSuccess: shownItems !== undefined,
          isError: users.isError,
          error: users.error,
        }}
        count={items.length}
        loading="Loading users…"
        icon="user"
        empty={{ title: "No users", children: "Create a user, then send them their set-password link." }}
        noMatch={
          search.q
            ? { title: "No users match", children: `No user has “${search.q}” in their name or email.` }
            : undefined
        }
      >
        <DataTable
          caption="Users"
          columns={columns}
          rows={items}
          rowKey={(u) => u.id}
          rowLabel={(u) => `User ${u.name}`}
        />
      </ListResults>

      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New user"
        description="Conduit makes a one-time link with which they choose their password."
      >
        {creating && (
          <NewUserForm
            onCancel={() => setCreating(false)}
            onCreated={(result) => {
              setCreating(false);
              setNotice(`Created user ${result.user.name}.`);
              setLink({ result, fresh: true });
            }}
          />
        )}
      </Dialog>
      <Dialog
        open={link !== undefined}
        onOpenChange={(o) => !o && setLink(undefined)}
        title={link ? `Set-password link for ${link.result.user.name}` : "Set-password link"}
      >
        {link && (
          <div className="flex flex-col gap-4">
            <PasswordLink result={link.result} fresh={link.fresh} />
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => setLink(undefined)}>
                Done
              </Button>
            </div>
          </div>
        )}
      </Dialog>
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(o) => {
          if (!o) {
            setDisabling(null);
            setDisabled.reset();
          }
        }}
        title={lastDisabling ? `Disable ${lastDisabling.name}?` : ""}
        description="They are signed out everywhere at once and cannot sign in; their API tokens are refused. Their role bindings stay, so enabling them again restores their access."
        confirmLabel="Disable user"
        pending={setDisabled.isPending}
        error={setDisabled.error ? errorMessage(setDisabled.error) : undefined}
        onConfirm={() => {
          if (!disabling) return;
          const u = disabling;
          setDisabled.mutate(
            { id: u.id, disabled: true },
            {
              onSuccess: () => {
                setDisabling(null);
                setNotice(`Disabled ${u.name}.`);
              },
            },
          );
        }}
      />
    </div>
  );
}
