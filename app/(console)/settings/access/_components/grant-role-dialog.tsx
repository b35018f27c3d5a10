"use client";
import { useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { z } from "zod";
import { firstMessage } from "@/components/forms/form-values";
import { RadioCardsField } from "@/components/forms/radio-cards-field";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { useCreateRoleBinding, useServiceAccounts, useUsers } from "@/components/identity/hooks";
import { usePermissions } from "@/components/identity/permissions";
import { describeScope } from "@/components/secrets/scope-label";
import { Dialog } from "@/components/ui/dialog";
import { Field, FieldError, Input, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { ROLES, roleIds, type RoleId } from "@/lib/access/permissions";
import type { RoleBindingDto, UserDto } from "@/lib/auth/schemas";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { FormActions } from "@/components/ui/form-actions";

const schema = z.object({
  role: z.enum(roleIds, { message: "Choose a role" }),
  principal: z.object({
    kind: z.enum(["user", "serviceAccount"]),
    id: z.string().min(1, "Choose who gets the role"),
  }),
});

/** Roles that may be bound at this level (the server refuses the others). */
function rolesAt(scope: ScopeRef): RoleId[] {
  if (scope.project) return ["project_admin", "editor", "viewer"];
  if (scope.org) return ["org_admin", "project_admin", "editor", "viewer"];
  return [...roleIds];
}

const MAX_SHOWN = 8;

/** The roles as a compact list of radios, each with what it allows (read as its description). */
function RoleChoice({
  value,
  onChange,
  options,
  error,
}: {
  value: RoleId | undefined;
  onChange: (role: RoleId) => void;
  /** `grantable` is undefined while the caller's permissions load. */
  options: { id: RoleId; grantable: boolean | undefined }[];
  error?: string;
}) {
  return (
    <fieldset className="min-w-0" aria-describedby={error ? "grant-role-error" : undefined}>
      <legend className="mb-2 text-sm font-medium">Role</legend>
      <ul className="flex flex-col divide-y divide-border overflow-hidden rounded-md border border-border">
        {options.map(({ id, grantable }) => (
          <li key={id}>
            <label
              className={`flex gap-3 px-3 py-2.5 has-[:checked]:bg-accent/10 ${grantable ? "cursor-pointer hover:bg-surface-2" : "cursor-not-allowed"}`}
            >
              <input
                type="radio"
                name="grant-role"
                value={id}
                checked={value === id}
                disabled={!grantable}
                onChange={() => onChange(id)}
                aria-labelledby={`grant-role-${id}-name`}
                aria-describedby={`grant-role-${id}`}
                className="mt-0.5 size-4 shrink-0 accent-[var(--accent)] disabled:opacity-50"
              />
              <span className="min-w-0">
                <span
                  id={`grant-role-${id}-name`}
                  className={`block text-sm font-medium ${grantable ? "" : "text-muted"}`}
                >
                  {ROLES[id].name}
                </span>
                <span id={`grant-role-${id}`} className="block text-xs leading-relaxed text-muted">
                  {ROLES[id].description}
                  {grantable === false && " You cannot grant it: it allows more than you hold here."}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p id="grant-role-error" role="alert" className="mt-1.5 text-sm text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Find a user by name or email and pick one (radios: arrow keys move, the list reads as a group). */
function UserPicker({
  scope,
  value,
  onChange,
  error,
}: {
  scope: ScopeRef;
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 250) || undefined;
  const users = useUsers(q, scope);
  const [picked, setPicked] = useState<UserDto>();
  const found = users.data ?? [];
  const shown = found.slice(0, MAX_SHOWN);
  // The chosen user stays listed (and chosen) while the search changes.
  if (picked && value === picked.id && !shown.some((u) => u.id === picked.id)) shown.unshift(picked);
  return (
    <div className="flex flex-col gap-2">
      <Field label="Find a user" hint="Type part of a name or an email address.">
        {(a) => (
          <Input
            {...a}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <fieldset aria-describedby={error ? "grant-user-error" : undefined} className="min-w-0">
        <legend className="sr-only">User</legend>
        {users.isPending ? (
          <p className="flex items-center gap-2 py-2 text-sm text-muted">
            <Spinner /> Loading users…
          </p>
        ) : users.isError ? (
          <p role="alert" className="py-2 text-sm text-danger">
            {errorMessage(users.error)}
          </p>
        ) : shown.length === 0 ? (
          <p className="py-2 text-sm text-muted">{q ? `No user matches “${q}”.` : "There are no users yet."}</p>
        ) : (
          <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto rounded-md border border-border p-1">
            {shown.map((u) => (
              <li key={u.id}>
                <label
                  className={`flex cursor-pointer items-center gap-3 rounded px-2.5 py-2 text-sm hover:bg-surface-2 has-[:checked]:bg-accent/10 ${u.disabled ? "opacity-70" : ""}`}
                >
                  <input
                    type="radio"
                    name="grant-user"
                    value={u.id}
                    checked={value === u.id}
                    onChange={() => {
                      setPicked(u);
                      onChange(u.id);
                    }}
                    className="size-4 shrink-0 accent-[var(--accent)]"
                  />
                  <span className="min-w-0">
                    <span className="block truncate font-medium">
                      {u.name}
                      {u.disabled && <span className="font-normal text-muted"> (disabled)</span>}
                    </span>
                    <span className="block truncate text-xs text-muted">{u.email}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {found.length > MAX_SHOWN && (
          <p className="mt-1 text-xs text-muted">
            Showing {MAX_SHOWN} of {found.length}; type more to narrow the list.
          </p>
        )}
      </fieldset>
      {error && <FieldError id="grant-user-error">{error}</FieldError>}
    </div>
  );
}

function GrantRoleForm({
  scope,
  onCancel,
  onGranted,
}: {
  scope: ScopeRef;
  onCancel: () => void;
  onGranted: (b: RoleBindingDto) => void;
}) {
  const perms = usePermissions(scope);
  const create = useCreateRoleBinding(scope);
  const accounts = useServiceAccounts(scope);
  const { form, submit, alerts } = useResourceForm({
    schema,
    defaultValues: { role: undefined, principal: { kind: "user", id: "" } },
    fields: ["role", "principal"],
  });
  const kind = useWatch({ control: form.control, name: "principal.kind" });
  const principalError = firstMessage(form.formState.errors.principal);
  const save = submit(async (input) => onGranted(await create.mutateAsync(input)));

  // Granting a role needs every permission it carries: offer only what the caller can hand out.
  const roleOptions = rolesAt(scope).map((id) => ({
    id,
    grantable: perms.known ? [...ROLES[id].permissions].every((p) => perms.can(p)) : undefined,
  }));

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Grant role" className="flex flex-col gap-5">
      {alerts}
      <Controller
        control={form.control}
        name="role"
        render={({ field, fieldState }) => (
          <RoleChoice
            value={field.value}
            onChange={field.onChange}
            options={roleOptions}
            error={fieldState.error?.message}
          />
        )}
      />
      <RadioCardsField
        control={form.control}
        name="principal.kind"
        legend="Grant it to"
        radioName="grant-kind"
        columns={2}
        options={[
          { value: "user", label: "A user", description: "A person who signs in." },
          { value: "serviceAccount", label: "A service account", description: "A script or CI job, with tokens." },
        ]}
        onChange={(v) => {
          form.setValue("principal.kind", v);
          form.setValue("principal.id", "");
          form.clearErrors("principal");
        }}
      />
      {kind === "user" ? (
        <Controller
          control={form.control}
          name="principal.id"
          render={({ field }) => (
            <UserPicker scope={scope} value={field.value} onChange={field.onChange} error={principalError} />
          )}
        />
      ) : (
        <Field
          label="Service account"
          required
          error={principalError}
          hint={
            accounts.data?.length === 0
              ? `There are no service accounts in ${describeScope(scope)} yet: create one on the Service accounts tab.`
              : undefined
          }
        >
          {(a) => (
            <Select {...a} {...form.register("principal.id")} disabled={!accounts.data?.length}>
              <option value="">{accounts.isPending ? "Loading service accounts…" : "Choose a service account"}</option>
              {accounts.data?.map((sa) => (
                <option key={sa.id} value={sa.id}>
                  {sa.name} ({sa.identifier})
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <FormActions onCancel={onCancel} pending={form.formState.isSubmitting} submitLabel="Grant role" />
    </form>
  );
}

export function GrantRoleDialog({
  open,
  onOpenChange,
  scope,
  onGranted,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  scope: ScopeRef;
  onGranted: (b: RoleBindingDto) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Grant role"
      description={`The role applies in ${describeScope(scope)}${scope.project ? "" : " and everything inside it"}.`}
    >
      {open && (
        <GrantRoleForm
          scope={scope}
          onCancel={() => onOpenChange(false)}
          onGranted={(b) => {
            onOpenChange(false);
            onGranted(b);
          }}
        />
      )}
    </Dialog>
  );
}
