"use client";
// The account menu itself (Radix DropdownMenu, with its positioning and focus handling): fetched
// when the person first points at, focuses or opens the header's account button (user-menu.tsx),
// not with every page.
import * as DM from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import type { ReactNode } from "react";
import { Icon } from "@/components/ui/icons";
import { errorMessage } from "@/lib/http/client";
import type { useMe } from "./hooks";

const item =
  "flex cursor-pointer select-none items-center gap-2 rounded px-2.5 py-2 text-sm outline-none data-[highlighted]:bg-surface-2 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50";

export function UserMenuDropdown({
  label,
  className,
  face,
  me,
  profileHref,
  tokensHref,
  pending,
  onLeave,
}: {
  /** The trigger's accessible name and look, the same as the button it replaces. */
  label: string;
  className: string;
  face: ReactNode;
  me: ReturnType<typeof useMe>;
  profileHref: string;
  tokensHref: string;
  pending: boolean;
  onLeave: (which: "one" | "all") => void;
}) {
  // Mounted because the person asked for the menu: it opens at once.
  return (
    <DM.Root modal={false} defaultOpen>
      <DM.Trigger aria-label={label} className={className}>
        {face}
      </DM.Trigger>
      <DM.Portal>
        <DM.Content
          align="end"
          sideOffset={6}
          className="z-50 w-64 max-w-[calc(100vw-1rem)] rounded-lg border border-border bg-surface p-1.5 shadow-lg"
        >
          <DM.Label className="px-2.5 py-2">
            {me.data ? (
              <>
                <span className="block truncate text-sm font-semibold">{me.data.name}</span>
                {me.data.email && <span className="block truncate text-xs text-muted">{me.data.email}</span>}
              </>
            ) : (
              <span className="text-sm text-muted">
                {me.isError ? `Could not load your account: ${errorMessage(me.error)}` : "Loading your account…"}
              </span>
            )}
          </DM.Label>
          <DM.Separator className="my-1 h-px bg-border" />
          <DM.Item asChild className={item}>
            <Link href={profileHref}>
              <Icon name="user" className="size-4 text-muted" />
              Profile &amp; password
            </Link>
          </DM.Item>
          <DM.Item asChild className={item}>
            <Link href={tokensHref}>
              <Icon name="key" className="size-4 text-muted" />
              API tokens
            </Link>
          </DM.Item>
          <DM.Separator className="my-1 h-px bg-border" />
          <DM.Item className={item} disabled={pending} onSelect={() => onLeave("one")}>
            Sign out
          </DM.Item>
          <DM.Item className={item} disabled={pending} onSelect={() => onLeave("all")}>
            Sign out everywhere
          </DM.Item>
        </DM.Content>
      </DM.Portal>
    </DM.Root>
  );
}
