"use client";
import { useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { RequirePermission } from "@/components/identity/require-permission";
import { InfrastructureForm } from "@/components/infrastructures/infrastructure-form";
import { useInfrastructure } from "@/lib/infrastructures/hooks";
import { useScope } from "@/lib/scopes/hooks";
import { InfrastructureLoadState } from "./infrastructure-load-state";

export function EditInfrastructure({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const environment = useSearchParams().get("environment") ?? "";
  const query = useInfrastructure(scope, { environment, identifier });
  // The form takes the definition once: later background refetches must not reset it.
  if (!query.data)
    return (
      <InfrastructureLoadState
        error={query.error}
        identifier={identifier}
        environment={environment}
        listHref={href("/infrastructures")}
      />
    );
  return (
    <RequirePermission
      permission="infrastructure:edit"
      what="edit infrastructure definitions"
      back={{ label: "Back to infrastructure definitions", path: "/infrastructures" }}
    >
      <InfrastructureForm definition={query.data} />
    </RequirePermission>
  );
}
