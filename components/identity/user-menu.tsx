"use client";
import { Suspense, lazy, useEffect, useState } from "react";
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

const trigger =
  "flex h-9 items-center gap-2 rounded-md border border-transparent px-1.5 text-sm hover:bg-surface-2 data-[state=open]:bg-surface-2 sm:pr-2.5";

// The menu (Radix DropdownMenu and its positioning) is its own chunk, fetched on first use.
const loadDropdown = () => import("./user-menu-dropdown");
const UserMenuDropdown = lazy(async () => ({ default: (await loadDropdown()).UserMenuDropdown }));

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
  const [wanted, setWanted] = useState(false);
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

  const label = name ? `Account menu, signed in as ${name}` : "Account menu";
  const face = (
    <>
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
    </>
  );
  // Until the menu is wanted, a plain button that looks and is named the same: pointing at it or
  // focusing it fetches the menu's code, activating it opens the menu.
  const button = (
    <button
      type="button"
      aria-label={label}
      aria-haspopup="menu"
      aria-expanded={false}
      className={trigger}
      onPointerEnter={() => void loadDropdown()}
      onFocus={() => void loadDropdown()}
      onClick={() => setWanted(true)}
      onKeyDown={(e) => {
        if (e.key !== "ArrowDown") return;
        e.preventDefault();
        setWanted(true);
      }}
    >
      {face}
    </button>
  );

  return (
    <div className="flex items-center gap-2">
      {failure && (
        <span role="alert" className="max-w-56 text-xs text-danger">
          {failure}
        </span>
      )}
      {wanted ? (
        <Suspense fallback={button}>
          <UserMenuDropdown
            label={label}
            className={trigger}
            face={face}
            me={me}
            profileHref={href("/settings/profile")}
            tokensHref={href("/settings/tokens")}
            pending={pending !== undefined}
            onLeave={(which) => void leave(which)}
          />
        </Suspense>
      ) : (
        button
      )}
    </div>
  );
}
