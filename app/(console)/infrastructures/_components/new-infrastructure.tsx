"use client";
import { useSearchParams } from "next/navigation";
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
  return <InfrastructureForm environment={environment} />;
}
