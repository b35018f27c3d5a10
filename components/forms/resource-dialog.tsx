"use client";
import type { ComponentType } from "react";
import { Dialog } from "@/components/ui/dialog";
import type { ScopeRef } from "@/lib/scope";

export interface ResourceFormProps<D> {
  /** The saved item to edit, or null to create one. */
  item: D | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved: (dto: D, created: boolean) => void;
}

/**
 * A create/edit dialog over a list. The form mounts only while the dialog is open and is keyed by
 * the item, so every opening starts from the item as saved (or from empty values).
 */
export function ResourceDialog<D>({
  open,
  title,
  description,
  className,
  itemKey,
  Form,
  ...props
}: ResourceFormProps<D> & {
  open: boolean;
  title: string;
  description: string;
  className?: string;
  itemKey: (item: D) => string;
  Form: ComponentType<ResourceFormProps<D>>;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && props.onClose()}
      title={title}
      description={description}
      className={className}
    >
      {open && <Form key={props.item ? itemKey(props.item) : "new"} {...props} />}
    </Dialog>
  );
}
