"use client";
// The caller's permissions at the account, for the shell's links to the account's own pages
// (Delegates): from /api/me, nothing granted until the answer is in.
import { useCallback, type ReactNode } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { AccountPermissionContext } from "@/components/shell/sidebar";
import type { Permission } from "@/lib/access/permissions";

export function AccountPermissions({ children }: { children: ReactNode }) {
  const { known, can } = usePermissions({});
  const has = useCallback((p: string) => known && can(p as Permission), [known, can]);
  return <AccountPermissionContext value={has}>{children}</AccountPermissionContext>;
}
