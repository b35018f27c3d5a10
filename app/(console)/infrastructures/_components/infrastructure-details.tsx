"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { InfrastructureSummary } from "@/components/infrastructures/infrastructure-summary";
import { InfrastructureYamlTab } from "@/components/infrastructures/infrastructure-yaml-tab";
import { infrastructureHref, infrastructuresHref } from "@/components/infrastructures/links";
import { RuntimeInputsDialog } from "@/components/infrastructures/runtime-inputs-dialog";
import { Button } from "@/components/ui/button";
import { Breadcrumbs, DetailsHeader } from "@/components/ui/details-header";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Badge } from "@/components/ui/misc";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import { errorMessage } from "@/lib/http/client";
import { useDeleteInfrastructure, useInfrastructure } from "@/lib/infrastructures/hooks";
import { runtimeInputsOf } from "@/lib/infrastructures/resolve";
import { useScope } from "@/lib/scopes/hooks";
import { InfrastructureLoadState } from "./infrastructure-load-state";

type Tab = "overview" | "yaml";

export function InfrastructureDetails({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const environment = useSearchParams().get("environment") ?? "";
  const router = useRouter();
  const query = useInfrastructure(scope, { environment, identifier });
  const remove = useDeleteInfrastructure(scope);
  const perms = usePermissions(scope);
  const [tab, setTab] = useState<Tab>("overview");
  const [trying, setTrying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const dto = query.data;
  const inputs = useMemo(() => (dto ? runtimeInputsOf(dto.infrastructureDefinition) : []), [dto]);

  if (!dto)
    return (
      <InfrastructureLoadState
        error={query.error}
        identifier={identifier}
        environment={environment}
        listHref={href("/infrastructures")}
      />
    );
  const d = dto.infrastructureDefinition;
  const listHref = infrastructuresHref(href, dto.environment.identifier);

  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Infrastructure definitions", href: href("/infrastructures") },
          { label: dto.environment.name, href: listHref },
        ]}
        current={d.name}
      />
      <DetailsHeader
        title={d.name}
        identifier={d.identifier}
        meta={
          <>
            <span>
              {dto.environment.name} ({ENVIRONMENT_TYPE_LABELS[dto.environment.type]})
            </span>
            <Badge>Elastic Kubernetes Service</Badge>
            {inputs.length > 0 && (
              <Badge tone="info">
                {inputs.length} runtime input{inputs.length === 1 ? "" : "s"}
              </Badge>
            )}
          </>
        }
        description={d.description}
        primaryAction={
          <Button variant="primary" onClick={() => setTrying(true)}>
            Try runtime inputs
          </Button>
        }
        editHref={infrastructureHref(href, dto.environment.identifier, d.identifier, "/edit")}
        editDisabledReason={perms.reason("infrastructure:edit")}
        deleteDisabledReason={perms.reason("infrastructure:delete")}
        onDelete={() => {
          remove.reset();
          setDeleting(true);
        }}
      />

      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabsList aria-label="Infrastructure definition views">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="yaml">YAML</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <InfrastructureSummary dto={dto} />
        </TabsContent>
        <TabsContent value="yaml">
          <InfrastructureYamlTab
            scope={scope}
            reference={{ environment: dto.environment.identifier, identifier: d.identifier }}
            version={dto.version}
            onReloadLatest={() => query.refetch()}
          />
        </TabsContent>
      </Tabs>

      <RuntimeInputsDialog open={trying} onOpenChange={setTrying} scope={scope} dto={dto} />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete infrastructure definition ${d.name}?`}
        description={
          <>
            <span className="font-mono">{d.identifier}</span> is removed from {dto.environment.name}. Pipelines that
            deploy to it stop working.
          </>
        }
        confirmLabel="Delete definition"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() =>
          remove.mutate(
            { environment: dto.environment.identifier, identifier: d.identifier },
            {
              onSuccess: () => {
                setDeleting(false);
                router.push(listHref);
              },
            },
          )
        }
      />
    </>
  );
}
