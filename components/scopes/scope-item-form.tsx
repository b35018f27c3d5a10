"use client";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { latestOf, type LatestQuery } from "@/components/forms/version-conflict";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { organizationCreateSchema, type OrganizationCreate } from "@/lib/scopes/schemas";

/** What organizations and projects share: the same fields, and a version for edits. */
interface ScopeItem {
  identifier: string;
  name: string;
  description: string;
  version: number;
}
type Kind = "organization" | "project";

const FIELDS = ["name", "identifier", "description"] as const;
// Only the editable fields: the DTO's version and counts are not part of this contract.
const toValues = (item?: ScopeItem) => ({
  name: item?.name ?? "",
  identifier: item?.identifier ?? "",
  description: item?.description ?? "",
});

/** Create (`editing` "new") or edit an organization or a project, in a dialog over its list. */
export function ScopeItemDialog<D extends ScopeItem>({
  kind,
  title,
  editing,
  list,
  save,
  onClose,
}: {
  kind: Kind;
  title: string;
  editing: D | "new" | null;
  /** The list the item is read from (the API has no single-item read), for reloading after a conflict. */
  list: LatestQuery<D[]>;
  save: (v: { existing?: D; input: OrganizationCreate }) => Promise<unknown>;
  onClose: () => void;
}) {
  const initial = editing === "new" ? undefined : (editing ?? undefined);
  return (
    <Dialog open={editing !== null} onOpenChange={(o) => !o && onClose()} title={title}>
      {editing !== null && (
        <ScopeItemForm
          kind={kind}
          initial={initial}
          latest={latestOf(list, (items) => items.find((i) => i.identifier === initial?.identifier))}
          onCancel={onClose}
          onSave={async (input, existing) => {
            await save({ existing, input });
            onClose();
          }}
        />
      )}
    </Dialog>
  );
}

function ScopeItemForm<D extends ScopeItem>({
  kind,
  initial,
  latest,
  onSave,
  onCancel,
}: {
  kind: Kind;
  initial?: D;
  latest: LatestQuery<D>;
  onSave: (input: OrganizationCreate, existing?: D) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { form, item, submit, alerts } = useResourceForm({
    schema: organizationCreateSchema,
    item: initial,
    defaultValues: toValues(initial),
    fields: FIELDS,
    reload: { what: kind, latest, toValues },
  });
  const editing = item !== null;
  const { register, formState } = form;
  const save = submit((input) => onSave(input, item ?? undefined));

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-4">
      {alerts}
      <NameIdentifierFields
        form={form}
        locked={editing}
        autoFocus
        identifierHint={
          editing
            ? "The identifier cannot change once created."
            : `Derived from the name; used in URLs and YAML to refer to this ${kind}.`
        }
      />
      <Field label="Description" error={formState.errors.description?.message}>
        {(a) => <Textarea {...a} {...register("description")} rows={2} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : `Create ${kind}`}
        </Button>
      </div>
    </form>
  );
}
