"use client";
// API tokens (`cdt_…`), the caller's own or a service account's: the table, "New token" with the
// value shown exactly once, and revoking one.
import { useState, type ReactNode } from "react";
import { z } from "zod";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, actionsColumn, type Column } from "@/components/ui/data-table";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/misc";
import { tokenCreateSchema, type TokenDto } from "@/lib/auth/schemas";
import { errorMessage } from "@/lib/http/client";
import { useCreateToken, useRevokeToken, type TokenCreated, type TokenOwner } from "./hooks";
import { FormActions } from "@/components/ui/form-actions";

export const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never (until revoked)" },
] as const;
type Expiry = (typeof EXPIRY_OPTIONS)[number]["value"];

const formSchema = z.object({
  name: tokenCreateSchema.shape.name,
  expiry: z.enum(["30", "90", "365", "never"]),
});

function ShortDate({ iso, empty }: { iso: string | null; empty: string }) {
  if (!iso) return <span className="text-muted">{empty}</span>;
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={d.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })}>
      {d.toLocaleDateString(undefined, { dateStyle: "medium" })}
    </time>
  );
}

const STATUS = {
  active: { tone: "success", label: "Active" },
  expired: { tone: "warning", label: "Expired" },
  revoked: { tone: "neutral", label: "Revoked" },
} as const;

/** A token as its tables show it: its name, and the first characters of its value. */
export function TokenNameCell({ name, start }: { name: string; start: string }) {
  return (
    <div className="max-w-48 min-w-0 sm:max-w-72">
      <div className="font-medium break-words">{name}</div>
      <div className="font-mono text-xs text-muted" title="The first characters of the token">
        {start}…
      </div>
    </div>
  );
}

/** The warning above a token shown once: Conduit keeps only its hash; `children` says where to keep it. */
export function ShownOnceWarning({ children }: { children: ReactNode }) {
  return (
    <Alert tone="warning" title="Copy the token now: it is shown only this once">
      Conduit keeps only a hash of it, so nobody can show it again. {children}
    </Alert>
  );
}

export function TokenTable({
  items,
  caption,
  onRevoke,
  revokeDisabledReason,
}: {
  items: TokenDto[];
  caption: string;
  onRevoke: (t: TokenDto) => void;
  revokeDisabledReason?: string;
}) {
  const columns: Column<TokenDto>[] = [
    {
      id: "name",
      header: "Name",
      cell: (t) => <TokenNameCell name={t.name} start={t.start} />,
    },
    {
      id: "status",
      header: "Status",
      cell: (t) => <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>,
    },
    {
      id: "expires",
      header: "Expires",
      hideBelow: "sm",
      className: "whitespace-nowrap",
      cell: (t) => <ShortDate iso={t.expiresAt} empty="Never" />,
    },
    {
      id: "used",
      header: "Last used",
      hideBelow: "md",
      className: "whitespace-nowrap",
      cell: (t) => <ShortDate iso={t.lastUsedAt} empty="Never used" />,
    },
    {
      id: "created",
      header: "Created",
      hideBelow: "lg",
      className: "whitespace-nowrap text-muted",
      cell: (t) => <ShortDate iso={t.createdAt} empty="—" />,
    },
    actionsColumn((t) =>
      t.status === "active" ? (
        <Button
          size="sm"
          variant="ghost"
          className="text-danger"
          onClick={() => onRevoke(t)}
          aria-label={`Revoke token ${t.name}`}
          disabledReason={revokeDisabledReason}
        >
          Revoke
        </Button>
      ) : null,
    ),
  ];
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(t) => t.id} />;
}

/** The new token, once: a warning, the value with a copy button, and how to use it. */
export function TokenCreatedPanel({
  created,
  actsAs,
  onDone,
}: {
  created: TokenCreated;
  /** "you, with your roles" / "the service account ci, with its roles". */
  actsAs: string;
  onDone: () => void;
}) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = `curl -H "Authorization: Bearer ${created.token}" ${origin}/api/me`;
  return (
    <div className="flex flex-col gap-4">
      <ShownOnceWarning>
        Store it where it will be used, such as your CI system&apos;s secret store. If it is lost, revoke it and create
        a new one.
      </ShownOnceWarning>
      <Field label="Your new token">
        {(a) => (
          <div className="flex gap-2">
            <Input
              {...a}
              readOnly
              value={created.token}
              className="font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
              spellCheck={false}
            />
            <CopyButton text={created.token} label="Copy token" />
          </div>
        )}
      </Field>
      <div className="flex flex-col gap-1.5">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-medium">Use it</h3>
          <CopyButton text={curl} label="Copy curl command" />
        </div>
        <p className="text-xs text-muted">
          Send it in the <code>Authorization</code> header. It acts as {actsAs}; this call answers who it is.
        </p>
        <pre className="overflow-x-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs whitespace-pre-wrap break-all">
          {curl}
        </pre>
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done, I have copied it
        </Button>
      </div>
    </div>
  );
}

function NewTokenForm({
  owner,
  onCancel,
  onCreated,
}: {
  owner: TokenOwner;
  onCancel: () => void;
  onCreated: (created: TokenCreated) => void;
}) {
  const create = useCreateToken(owner);
  const { form, submit, alerts } = useResourceForm({
    schema: formSchema,
    defaultValues: { name: "", expiry: "90" as Expiry },
    fields: ["name", "expiry"],
  });
  const { register, formState } = form;
  const save = submit(async ({ name, expiry }) => {
    // The value stays in this dialog's state only: out of the mutation cache at once.
    const created = await create
      .mutateAsync({ name, expiresInDays: expiry === "never" ? null : Number(expiry) })
      .finally(() => create.reset());
    onCreated(created);
  });
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="New token" className="flex flex-col gap-4">
      {alerts}
      <Field
        label="Name"
        required
        error={formState.errors.name?.message}
        hint="What uses it, so you know what breaks when you revoke it: “GitHub Actions deploy”."
      >
        {(a) => <Input {...a} {...register("name")} autoComplete="off" autoFocus />}
      </Field>
      <Field label="Expires after" error={formState.errors.expiry?.message}>
        {(a) => (
          <Select {...a} {...register("expiry")}>
            {EXPIRY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <FormActions onCancel={onCancel} pending={formState.isSubmitting} submitLabel="Create token" />
    </form>
  );
}

/** "New token": a name and an expiry, then the value once. Closing forgets the value. */
export function NewTokenDialog({
  open,
  onOpenChange,
  owner,
  title = "New API token",
  description,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  owner: TokenOwner;
  title?: string;
  description?: string;
  onCreated?: (created: TokenCreated) => void;
}) {
  const [created, setCreated] = useState<TokenCreated>();
  const close = () => {
    setCreated(undefined);
    onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      title={created ? "Copy your new token" : title}
      description={created ? `Token “${created.item.name}” was created.` : description}
    >
      {open &&
        (created ? (
          <TokenCreatedPanel
            created={created}
            actsAs={
              owner.kind === "me" ? "you, with your roles" : `the service account ${owner.identifier}, with its roles`
            }
            onDone={close}
          />
        ) : (
          <NewTokenForm
            owner={owner}
            onCancel={close}
            onCreated={(c) => {
              setCreated(c);
              onCreated?.(c);
            }}
          />
        ))}
    </Dialog>
  );
}

/** Revoking asks first: whatever uses the token stops working at once. */
export function RevokeTokenDialog({
  owner,
  target,
  onClose,
  onRevoked,
}: {
  owner: TokenOwner;
  target: TokenDto | null;
  onClose: () => void;
  onRevoked?: (t: TokenDto) => void;
}) {
  const revoke = useRevokeToken(owner);
  const [shown, setShown] = useState(target);
  if (target !== null && target !== shown) setShown(target);
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(o) => !o && close()}
      title={shown ? `Revoke token ${shown.name}?` : ""}
      description={
        <>
          Anything still using <span className="font-mono">{shown?.start}…</span> is refused from now on. This cannot be
          undone; create a new token if it is needed again.
        </>
      }
      confirmLabel="Revoke token"
      pending={revoke.isPending}
      error={revoke.error ? errorMessage(revoke.error) : undefined}
      onConfirm={() => {
        if (!target) return;
        revoke.mutate(target.id, {
          onSuccess: () => {
            close();
            onRevoked?.(target);
          },
        });
      }}
    />
  );
}
