import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { Button } from "./button";

/** "List / … / current page": links to the pages above, the current one as plain text. */
export function Breadcrumbs({ trail, current }: { trail: { label: ReactNode; href: string }[]; current: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
      {trail.map((t) => (
        <Fragment key={t.href}>
          <Link href={t.href} className="hover:text-fg hover:underline">
            {t.label}
          </Link>
          <span aria-hidden className="mx-1.5">
            /
          </span>
        </Fragment>
      ))}
      <span className="text-fg">{current}</span>
    </nav>
  );
}

/**
 * The head of a resource's details page: name, identifier and facts (`meta`), description, and
 * the actions — the page's own primary one, then Edit (a link) and Delete (asks first; the
 * caller opens its confirm dialog in `onDelete`). A reason (`editDisabledReason`,
 * `deleteDisabledReason`) shows that action as unavailable and says why.
 */
export function DetailsHeader({
  title,
  identifier,
  meta,
  description,
  primaryAction,
  editHref,
  onEdit,
  onDelete,
  editDisabledReason,
  deleteDisabledReason,
}: {
  title: string;
  identifier: string;
  meta?: ReactNode;
  description?: string;
  primaryAction?: ReactNode;
  /** Edit on its own page (a link) or in a dialog (`onEdit`). */
  editHref?: string;
  onEdit?: () => void;
  onDelete: () => void;
  editDisabledReason?: string;
  deleteDisabledReason?: string;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{title}</h1>
        <div className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-muted">
          <span className="font-mono text-fg">{identifier}</span>
          {meta}
        </div>
        {description && <p className="mt-2 max-w-3xl text-sm text-muted">{description}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {primaryAction}
        {editHref ? (
          <Button asChild disabledReason={editDisabledReason}>
            <Link href={editHref}>Edit</Link>
          </Button>
        ) : (
          <Button onClick={onEdit} disabledReason={editDisabledReason}>
            Edit
          </Button>
        )}
        <Button variant="ghost" className="text-danger" onClick={onDelete} disabledReason={deleteDisabledReason}>
          Delete
        </Button>
      </div>
    </div>
  );
}
