"use client";
import { useState } from "react";
import { useDeleteRoleBinding, useRoleBindings } from "@/components/identity/hooks";
import type { Permissions } from "@/components/identity/permissions";
import { ListResults, Notice } from "@/components/lists/list-results";
import { describeScope } from "@/components/secrets/scope-label";
import { Button } from "@/components/ui/button";
import { DataTable, actionsColumn, type Column } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Badge, Time } from "@/components/ui/misc";
import type { RoleBindingDto } from "@/lib/auth/schemas";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { GrantRoleDialog } from "./grant-role-dialog";

const KIND = { user: "User", serviceAccount: "Service account" } as const;

function inherited(scope: ScopeRef): string {
  if (scope.project)
    return `Roles granted in organization ${scope.org} or the account also apply here; they are listed there.`;
  if (scope.org) return "Roles granted at the account also apply here; they are listed there.";
  return "Roles granted here reach every organization and project.";
}

export function RoleBindings({ scope, perms }: { scope: ScopeRef; perms: Permissions }) {
  const bindings = useRoleBindings(scope);
  const remove = useDeleteRoleBinding(scope);
  const [granting, setGranting] = useState(false);
  const [removing, setRemoving] = useState<RoleBindingDto | null>(null);
  const [shown, setShown] = useState<RoleBindingDto | null>(null);
  if (removing !== null && removing !== shown) setShown(removing);
  const [notice, setNotice] = useState<string>();
  const items = bindings.data ?? [];
  const manage = perms.reason("access:manage");

  const columns: Column<RoleBindingDto>[] = [
    {
      id: "principal",
      header: "Principal",
      cell: (b) => (
        <div className="max-w-56 min-w-0 sm:max-w-80">
          <div className="font-medium break-words">{b.principal.name}</div>
          <div className="truncate font-mono text-xs text-muted" title={b.principal.detail}>
            {b.principal.detail}
          </div>
        </div>
      ),
    },
    {
      id: "kind",
      header: "Kind",
      hideBelow: "sm",
      className: "whitespace-nowrap",
      cell: (b) => KIND[b.principal.kind],
    },
    { id: "role", header: "Role", cell: (b) => <Badge tone="info">{b.roleName}</Badge> },
    {
      id: "created",
      header: "Granted",
      hideBelow: "md",
      className: "text-xs text-muted",
      cell: (b) => (
        <>
          <div>by {b.createdBy}</div>
          <Time iso={b.createdAt} />
        </>
      ),
    },
    actionsColumn((b) => (
      <Button
        size="sm"
        variant="ghost"
        className="text-danger"
        onClick={() => {
          setNotice(undefined);
          remove.reset();
          setRemoving(b);
        }}
        aria-label={`Remove ${b.roleName} from ${b.principal.name}`}
        disabledReason={manage}
      >
        Remove
      </Button>
    )),
  ];

  const grantButton = perms.can("access:manage") ? (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(undefined);
        setGranting(true);
      }}
    >
      Grant role
    </Button>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted">
          Bindings made in {describeScope(scope)}. {inherited(scope)}
        </p>
        {items.length > 0 && grantButton}
      </div>
      <Notice>{notice}</Notice>
      <ListResults
        query={bindings}
        count={items.length}
        loading="Loading role bindings…"
        icon="access"
        empty={{
          title: "No role bindings here",
          action: grantButton,
          children: `Nobody holds a role made in ${describeScope(scope)} yet. Grant one to a user or a service account.`,
        }}
      >
        <DataTable
          caption={`Role bindings in ${describeScope(scope)}`}
          columns={columns}
          rows={items}
          rowKey={(b) => b.id}
          rowLabel={(b) => `${b.roleName} for ${b.principal.name}`}
        />
      </ListResults>

      <GrantRoleDialog
        open={granting}
        onOpenChange={setGranting}
        scope={scope}
        onGranted={(b) => setNotice(`Granted ${b.roleName} to ${b.principal.name}.`)}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={shown ? `Remove ${shown.roleName} from ${shown.principal.name}?` : ""}
        description={
          shown
            ? `${shown.principal.name} loses what ${shown.roleName} allows in ${describeScope(scope)} at once, unless another binding still grants it.`
            : ""
        }
        confirmLabel="Remove role"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() => {
          if (!removing) return;
          const b = removing;
          remove.mutate(b.id, {
            onSuccess: () => {
              setRemoving(null);
              setNotice(`Removed ${b.roleName} from ${b.principal.name}.`);
            },
          });
        }}
      />
    </div>
  );
}
