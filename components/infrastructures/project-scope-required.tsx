"use client";
import { EmptyState } from "@/components/ui/misc";

/**
 * Environments and infrastructure definitions live in a project. At account or organization
 * scope there is nothing to list: say so and point at the scope switcher in the header.
 */
export function ProjectScopeRequired({ what, level }: { what: string; level: "account" | "org" }) {
  return (
    <EmptyState
      title="Pick a project"
      icon="environments"
      action={
        <a
          href="#scope-project"
          onClick={(e) => {
            // The switcher is a select in the header: focus it rather than jump to an anchor.
            const target = document.getElementById(level === "org" ? "scope-project" : "scope-org");
            if (target) {
              e.preventDefault();
              target.focus();
            }
          }}
          className="inline-flex h-9 items-center rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2"
        >
          {level === "org" ? "Choose a project" : "Choose an organization"}
        </a>
      }
    >
      {what} belong to a project. You are looking at {level === "org" ? "a whole organization" : "the account"}: choose{" "}
      {level === "org" ? "a project" : "an organization, then a project,"} with the scope switcher at the top of the
      page.
    </EmptyState>
  );
}
