"use client";
// Leaving a form with unsaved changes asks first: the browser's own prompt when the page unloads
// (reload, closing the tab, typing another address), and a confirm for links inside the console.
// The App Router has no route-change event, so clicks on <a> elements are caught in the capture
// phase, before Next's <Link> handles them.
import { useEffect } from "react";

/** Whether a click on `anchor` would take the browser to another page of this console. */
export function leavesPage(anchor: HTMLAnchorElement, current: Location | URL): boolean {
  if (anchor.target && anchor.target !== "_self") return false;
  if (anchor.hasAttribute("download")) return false;
  const url = new URL(anchor.href, current.href);
  if (url.origin !== current.origin) return false; // another site: the unload prompt covers it
  return url.pathname !== current.pathname || url.search !== current.search;
}

export function useLeaveGuard(when: boolean, message: string): void {
  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ""; // older browsers show their prompt only with a returnValue
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const anchor = (e.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !leavesPage(anchor, window.location)) return;
      if (window.confirm(message)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [when, message]);
}
