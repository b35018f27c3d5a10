"use client";
import { useSearchParams } from "next/navigation";
import { RequirePermission } from "@/components/identity/require-permission";
import { InfrastructureForm } from "@/components/infrastructures/infrastructure-form";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { PageHeader } from "@/components/ui/misc";
import { useScope } from "@/lib/scopes/hooks";

export function NewInfrastructure() {
  const { level } = useScope();
  const environment = useSearchParams().get("environment") ?? undefined;
  if (level !== "project") {
    return (
      <>
        <PageHeader title="New infrastructure definition" />
        <ProjectScopeRequired what="Infrastructure definitions" level={level} />
      </>
    );
  }
  return (
    <RequirePermission
      permission="infrastructure:edit"
      what="create infrastructure definitions"
      back={{ label: "Back to infrastructure definitions", path: "/infrastructures" }}
    >
      <InfrastructureForm environment={environment} />
    </RequirePermission>
  );
}
