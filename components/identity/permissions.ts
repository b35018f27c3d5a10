"use client";
// "May I?" in the browser: the permissions /api/me reports for the scope in the URL. The server
// decides every request on its own; this only keeps the console from offering what it would
// refuse. Until the answer is in (and while the page hydrates) nothing is known, so buttons that
// depend on it are not shown yet (or shown unavailable), instead of flashing and disappearing.
import { useMemo } from "react";
import { leastRoleWith, type Permission } from "@/lib/access/permissions";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { useMe } from "./hooks";

export interface Permissions {
  /** The answer is in: `can` is the truth from here on (false everywhere if it failed). */
  known: boolean;
  can: (permission: Permission) => boolean;
  /**
   * Why an action needing `permission` is unavailable, or undefined when it is available: the
   * text for a disabled button's description.
   */
  reason: (permission: Permission) => string | undefined;
}

export const CHECKING = "Checking your permissions…";

/** "You need connector:edit here; the Editor role has it." */
export function missingPermissionText(permission: Permission): string {
  const role = leastRoleWith(permission);
  return `You need ${permission} here${role ? `; the ${role.name} role has it` : ""}.`;
}

export function usePermissions(scope?: ScopeRef): Permissions {
  const me = useMe(scope);
  const hydrated = useHydrated();
  const known = hydrated && (me.isSuccess || me.isError);
  const granted = me.data?.permissions;
  const failed = me.isError ? errorMessage(me.error) : undefined;
  return useMemo(() => {
    const set = new Set(known ? (granted ?? []) : []);
    const can = (p: Permission) => set.has(p);
    return {
      known,
      can,
      reason: (p) =>
        !known
          ? CHECKING
          : can(p)
            ? undefined
            : failed
              ? `Your permissions could not be checked: ${failed}`
              : missingPermissionText(p),
    };
  }, [known, granted, failed]);
}
