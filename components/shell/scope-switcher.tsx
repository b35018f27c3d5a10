"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
// The phone dialog's code loads when it first opens (first-load budget: scripts/bundle-budget.ts).
import { LazyDialog as Dialog } from "@/components/ui/lazy-dialog";
import { Select } from "@/components/ui/field";
import { useCurrentPath, useOrganizations, useProjects, useScope } from "@/lib/scopes/hooks";

/**
 * The org and project selects; `suffix` keeps ids unique when the phone dialog shows them too,
 * and `onChosen` runs after a choice (the dialog closes).
 */
function ScopeSelects({
  suffix = "",
  className,
  onChosen,
}: {
  suffix?: string;
  className?: string;
  onChosen?: () => void;
}) {
  const router = useRouter();
  const path = useCurrentPath();
  const scope = useScope();
  const orgs = useOrganizations();
  const projects = useProjects(scope.org);
  const stacked = Boolean(suffix);
  return (
    <div className={cn("flex flex-wrap items-center gap-2", className)} role="group" aria-label="Scope">
      <label className={stacked ? "text-sm font-medium" : "sr-only"} htmlFor={`scope-org${suffix}`}>
        Organization
      </label>
      <Select
        id={`scope-org${suffix}`}
        className={stacked ? "w-full" : "w-56 max-w-[40vw]"}
        value={scope.org ?? ""}
        onChange={(e) => {
          router.push(scope.href(path, { org: e.target.value || undefined }));
          onChosen?.();
        }}
        disabled={orgs.isLoading}
      >
        <option value="">Account scope</option>
        {orgs.data?.map((o) => (
          <option key={o.identifier} value={o.identifier}>
            Org: {o.name}
          </option>
        ))}
      </Select>
      <label className={stacked ? "mt-2 text-sm font-medium" : "sr-only"} htmlFor={`scope-project${suffix}`}>
        Project
      </label>
      <Select
        id={`scope-project${suffix}`}
        className={stacked ? "w-full" : "w-56 max-w-[40vw]"}
        value={scope.project ?? ""}
        disabled={!scope.org || projects.isLoading}
        onChange={(e) => {
          router.push(scope.href(path, { org: scope.org, project: e.target.value || undefined }));
          onChosen?.();
        }}
      >
        <option value="">{scope.org ? "Whole organization" : "Pick an org first"}</option>
        {projects.data?.map((p) => (
          <option key={p.identifier} value={p.identifier}>
            Project: {p.name}
          </option>
        ))}
      </Select>
      {orgs.isError && (
        <span role="alert" className="text-xs text-danger">
          Could not load organizations
        </span>
      )}
    </div>
  );
}

/**
 * Account / org / project picker. The scope lives in the URL, so changing it is navigation.
 * From md up: two selects in the header; on phones one compact button naming the scope, which
 * opens both selects in a dialog, which closes after a choice and gives focus back to the button.
 */
export function ScopeSwitcher() {
  const scope = useScope();
  const orgs = useOrganizations();
  const projects = useProjects(scope.org);
  const [open, setOpen] = useState(false);
  const orgName = orgs.data?.find((o) => o.identifier === scope.org)?.name ?? scope.org;
  const projectName = projects.data?.find((p) => p.identifier === scope.project)?.name ?? scope.project;
  const label = projectName ?? orgName ?? "Account";
  return (
    <>
      <ScopeSelects className="max-md:hidden" />
      <button
        type="button"
        onClick={(e) => {
          // The dialog gives focus back to what had it when it opened; a tap does not focus a
          // button in every browser (Safari), so the button takes it first.
          e.currentTarget.focus();
          setOpen(true);
        }}
        aria-label={`Scope: ${[orgName ?? "Account", projectName].filter(Boolean).join(" / ")}. Change scope`}
        className="flex h-9 min-w-0 max-w-44 items-center gap-1.5 rounded-md border border-border px-2.5 text-sm md:hidden pointer-coarse:h-11"
      >
        <span className="truncate">{label}</span>
        <span aria-hidden className="shrink-0 text-[10px] text-muted">
          ▼
        </span>
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Scope"
        description="What the console shows and where new items go."
      >
        <ScopeSelects suffix="-phone" className="flex-col items-stretch gap-1" onChosen={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
