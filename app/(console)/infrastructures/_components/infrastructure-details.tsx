"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { InfrastructureSummary } from "@/components/infrastructures/infrastructure-summary";
import { InfrastructureYamlTab } from "@/components/infrastructures/infrastructure-yaml-tab";
import { infrastructureHref, infrastructuresHref } from "@/components/infrastructures/links";
import { RuntimeInputsDialog } from "@/components/infrastructures/runtime-inputs-dialog";
import { Button } from "@/components/ui/button";
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
  const [tab, setTab] = useState<Tab>("overview");
  const [trying, setTrying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const dto = query.data;
  const inputs = useMemo(() => (dto ? runtimeInputsOf(dto.infrastructureDefinition) : []), [dto]);

  if (!dto) return <InfrastructureLoadState error={query.error} identifier={identifier} environment={environment} listHref={href("/infrastructures")} />;
  const d = dto.infrastructureDefinition;
  const listHref = infrastructuresHref(href, dto.environment.identifier);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href={href("/infrastructures")} className="hover:text-fg hover:underline">
          Infrastructure definitions
        </Link>
        <span aria-hidden className="mx-1.5">/</span>
        <Link href={listHref} className="hover:text-fg hover:underline">
          {dto.environment.name}
        </Link>
        <span aria-hidden className="mx-1.5">/</span>
        <span className="text-fg">{d.name}</span>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight">{d.name}</h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-muted">
            <span className="font-mono text-fg">{d.identifier}</span>
            <span>
              {dto.environment.name} ({ENVIRONMENT_TYPE_LABELS[dto.environment.type]})
            </span>
            <Badge>Elastic Kubernetes Service</Badge>
            {inputs.length > 0 && (
              <Badge tone="info">
                {inputs.length} runtime input{inputs.length === 1 ? "" : "s"}
              </Badge>
            )}
          </div>
          {d.description && <p className="mt-2 max-w-3xl text-sm text-muted">{d.description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" onClick={() => setTrying(true)}>
            Try runtime inputs
          </Button>
          <Button asChild>
            <Link href={infrastructureHref(href, dto.environment.identifier, d.identifier, "/edit")}>Edit</Link>
          </Button>
          <Button
            variant="ghost"
            className="text-danger"
            onClick={() => {
              remove.reset();
              setDeleting(true);
            }}
          >
            Delete
          </Button>
        </div>
      </div>

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
            <span className="font-mono">{d.identifier}</span> is removed from {dto.environment.name}. Pipelines that deploy to it stop working.
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
