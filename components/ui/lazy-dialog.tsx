"use client";
// The dialogs of ./dialog with the same props, but their code (Radix Dialog, focus trap, scroll
// lock) is fetched the first time one opens. For dialogs on a page's first screen that most
// visits never open (the navigation drawer, "discard draft?"): the page's first load stays small
// (scripts/bundle-budget.ts). Once opened, a dialog stays mounted, so closing animates and
// returns focus as the eager one does.
import { Suspense, lazy, useState, type ComponentProps, type ComponentType } from "react";
import type { ConfirmDialog, Dialog, Sheet } from "./dialog";

type Controlled = { open: boolean };

function onFirstOpen<P extends Controlled>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyDialog(props: P) {
    const [used, setUsed] = useState(props.open);
    // State derived from a prop, set during render (React's pattern): no effect, no extra paint.
    if (props.open && !used) setUsed(true);
    if (!used) return null;
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const LazyDialog = onFirstOpen<ComponentProps<typeof Dialog>>(() => import("./dialog").then((m) => m.Dialog));
export const LazyConfirmDialog = onFirstOpen<ComponentProps<typeof ConfirmDialog>>(() =>
  import("./dialog").then((m) => m.ConfirmDialog),
);
export const LazySheet = onFirstOpen<ComponentProps<typeof Sheet>>(() => import("./dialog").then((m) => m.Sheet));
