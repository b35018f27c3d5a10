"use client";
import * as DM from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Icon } from "@/components/ui/icons";
import { errorMessage } from "@/lib/http/client";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useScope } from "@/lib/scopes/hooks";
import { signOut, signOutEverywhere, useMe } from "./hooks";

const initials = (name: string) =>
  name
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("") || "?";

const item =
  "flex cursor-pointer select-none items-center gap-2 rounded px-2.5 py-2 text-sm outline-none data-[highlighted]:bg-surface-2 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50";

/**
 * The signed-in person in the header: who, their profile and tokens, and signing out (this
 * browser, or every session they have). Both sign-outs end on the sign-in page.
 */
export function UserMenu() {
  const me = useMe();
  const { href } = useScope();
  const hydrated = useHydrated();
  const [pending, setPending] = useState<"one" | "all">();
  const [failure, setFailure] = useState<string>();
  const name = hydrated ? me.data?.name : undefined;
  // Sessions slide with use, but only better-auth's own endpoint renews the cookie's lifetime:
  // ask it once per page load, so an active person is not signed out when the first cookie ages.
  useEffect(() => {
    void fetch("/api/auth/get-session", { cache: "no-store" }).catch(() => undefined);
  }, []);

  const leave = async (which: "one" | "all") => {
    setPending(which);
    setFailure(undefined);
    try {
      await (which === "one" ? signOut() : signOutEverywhere());
      window.location.assign(which === "one" ? "/sign-in" : "/sign-in?notice=signed-out-everywhere");
    } catch (err) {
      setFailure(`Could not sign out: ${errorMessage(err)}`);
      setPending(undefined);
    }
  };

  return (
    <div className="flex items-center gap-2">
      {failure && (
        <span role="alert" className="max-w-56 text-xs text-danger">
          {failure}
        </span>
      )}
      <DM.Root modal={false}>
        <DM.Trigger
          aria-label={name ? `Account menu, signed in as ${name}` : "Account menu"}
          className="flex h-9 items-center gap-2 rounded-md border border-transparent px-1.5 text-sm hover:bg-surface-2 data-[state=open]:bg-surface-2 sm:pr-2.5"
        >
          <span
            aria-hidden
            className="grid size-7 shrink-0 place-items-center rounded-full bg-accent text-xs font-semibold text-accent-fg"
          >
            {name ? initials(name) : <Icon name="user" className="size-4" />}
          </span>
          <span className="hidden max-w-40 truncate font-medium lg:inline">{name ?? "Account"}</span>
          <span aria-hidden className="hidden text-[10px] text-muted lg:inline">
            ▼
          </span>
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
              <Link href={href("/settings/profile")}>
                <Icon name="user" className="size-4 text-muted" />
                Profile &amp; password
              </Link>
            </DM.Item>
            <DM.Item asChild className={item}>
              <Link href={href("/settings/tokens")}>
                <Icon name="key" className="size-4 text-muted" />
                API tokens
              </Link>
            </DM.Item>
            <DM.Separator className="my-1 h-px bg-border" />
            <DM.Item className={item} disabled={pending !== undefined} onSelect={() => void leave("one")}>
              Sign out
            </DM.Item>
            <DM.Item className={item} disabled={pending !== undefined} onSelect={() => void leave("all")}>
              Sign out everywhere
            </DM.Item>
          </DM.Content>
        </DM.Portal>
      </DM.Root>
    </div>
  );
}
