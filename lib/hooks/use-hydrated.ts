"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while React hydrates server HTML, true from then on (and on every client-side mount).
 * What renders during hydration must match the server's HTML even when a query shared with
 * another component (the scope switcher's organizations) has already answered by then.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
