"use client";
import Link from "next/link";
import { createContext, useContext } from "react";
import { cn } from "@/components/ui/cn";
import { Icon } from "@/components/ui/icons";
import { useCurrentPath, useScope } from "@/lib/scopes/hooks";

export const NAV = [
  { href: "/connectors", label: "Connectors", icon: "connectors" },
  { href: "/environments", label: "Environments", icon: "environments" },
  { href: "/infrastructures", label: "Infrastructure", icon: "infrastructure" },
  { href: "/gitops", label: "GitOps clusters", icon: "gitops" },
  { href: "/secrets", label: "Secrets", icon: "secrets" },
  { href: "/audit", label: "Audit log", icon: "audit" },
] as const;

export const SETTINGS_NAV = [
  { href: "/settings/organizations", label: "Organizations", icon: "organizations" },
  { href: "/settings/access", label: "Access control", icon: "access" },
  // Delegates are the account's: the link shows to those who may see them there.
  { href: "/delegates", label: "Delegates", icon: "delegates", accountPermission: "delegate:view" },
] as const;

/**
 * Whether the caller holds a permission at the account (false until known): the console's layout
 * provides it from /api/me, so links to the account's own pages show only to those who may use them.
 */
export const AccountPermissionContext = createContext<(permission: string) => boolean>(() => false);

type NavItem = (typeof NAV)[number] | (typeof SETTINGS_NAV)[number];

function NavLink({ item, active, href }: { item: NavItem; active: boolean; href: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex shrink-0 items-center gap-3 rounded-md px-3 py-2 text-sm whitespace-nowrap",
        active ? "bg-accent/10 font-semibold text-accent" : "text-fg hover:bg-surface-2",
      )}
    >
      <Icon name={item.icon} className="size-4 shrink-0" />
      {item.label}
    </Link>
  );
}

export function Sidebar() {
  const path = useCurrentPath();
  const scope = useScope();
  const account = useContext(AccountPermissionContext);
  const isActive = (href: string) => path === href || path.startsWith(`${href}/`);
  const shown = (item: (typeof SETTINGS_NAV)[number]) =>
    !("accountPermission" in item) || account(item.accountPermission);
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 p-3">
      {NAV.map((item) => (
        <NavLink key={item.href} item={item} active={isActive(item.href)} href={scope.href(item.href)} />
      ))}
      <h2 className="mt-4 mb-1 px-3 text-xs font-semibold tracking-wide text-muted uppercase">Settings</h2>
      {SETTINGS_NAV.filter(shown).map((item) => (
        <NavLink key={item.href} item={item} active={isActive(item.href)} href={scope.href(item.href)} />
      ))}
    </nav>
  );
}
