"use client";
import { useState } from "react";
// The drawer's code loads when it first opens (first-load budget: scripts/bundle-budget.ts).
import { LazySheet as Sheet } from "@/components/ui/lazy-dialog";
import { Icon } from "@/components/ui/icons";
import { useCurrentPath } from "@/lib/scopes/hooks";
import { Sidebar } from "./sidebar";

/**
 * Below md the sidebar is a menu button and a drawer (a modal sheet: focus stays inside, Escape
 * or a tap outside closes it). Following a link closes it too.
 */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  const path = useCurrentPath();
  // The drawer belongs to the page it was opened on: a new path closes it (set during render,
  // React's pattern for state derived from a changed value).
  const [openedOn, setOpenedOn] = useState(path);
  if (openedOn !== path) {
    setOpenedOn(path);
    if (open) setOpen(false);
  }
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label="Open navigation"
        aria-expanded={open}
        className="-ml-1 grid size-9 place-items-center rounded-md hover:bg-surface-2 md:hidden pointer-coarse:size-11"
      >
        <Icon name="menu" className="size-5" />
      </button>
      <Sheet open={open} onOpenChange={setOpen} title="Conduit">
        {/* A click on a link closes at once, also when it leads to the page already shown. */}
        <div onClick={(e) => (e.target as Element).closest("a") && setOpen(false)}>
          <Sidebar />
        </div>
      </Sheet>
    </>
  );
}
