"use client";
// Forms that create or change something open only for people who may save them: a Viewer who
// follows a link to "new connector" is told which permission it takes instead of filling in a
// form the server will refuse (and leaving a draft behind). The API still decides every save.
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import type { Permission } from "@/lib/access/permissions";
import { useScope } from "@/lib/scopes/hooks";
import { CHECKING, usePermissions } from "./permissions";

export function RequirePermission({
  permission,
  what,
  back,
  children,
}: {
  permission: Permission;
  /** "create connectors": completes "You cannot … here". */
  what: string;
  /** Where to go instead: the list the form belongs to. */
  back: { label: string; path: string };
  children: ReactNode;
}) {
  const { org, project, href } = useScope();
  const { known, can, reason } = usePermissions({ org, project });
  if (!known)
    return (
      <p className="flex items-center gap-2 py-10 text-sm text-muted" role="status">
        <Spinner /> {CHECKING}
      </p>
    );
  if (can(permission)) return children;
  return (
    <EmptyState
      title={`You cannot ${what} here`}
      icon="access"
      action={
        <Button asChild>
          <Link href={href(back.path)}>{back.label}</Link>
        </Button>
      }
    >
      {reason(permission)}
    </EmptyState>
  );
}
