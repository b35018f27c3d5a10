"use client";
import { useRouter } from "next/navigation";
import { Select } from "@/components/ui/field";
import { useCurrentPath, useOrganizations, useProjects, useScope } from "@/lib/scopes/hooks";

/** Account / org / project picker. The scope lives in the URL, so changing it is navigation. */
export function ScopeSwitcher() {
  const router = useRouter();
  const path = useCurrentPath();
  const scope = useScope();
  const orgs = useOrganizations();
  const projects = useProjects(scope.org);

  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Scope">
      <label className="sr-only" htmlFor="scope-org">
        Organization
      </label>
      <Select
        id="scope-org"
        className="w-56 max-w-[40vw]"
        value={scope.org ?? ""}
        onChange={(e) => router.push(scope.href(path, { org: e.target.value || undefined }))}
        disabled={orgs.isLoading}
      >
        <option value="">Account scope</option>
        {orgs.data?.map((o) => (
          <option key={o.identifier} value={o.identifier}>
            Org: {o.name}
          </option>
        ))}
      </Select>
      <label className="sr-only" htmlFor="scope-project">
        Project
      </label>
      <Select
        id="scope-project"
        className="w-56 max-w-[40vw]"
        value={scope.project ?? ""}
        disabled={!scope.org || projects.isLoading}
        onChange={(e) => router.push(scope.href(path, { org: scope.org, project: e.target.value || undefined }))}
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
