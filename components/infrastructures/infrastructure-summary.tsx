import type { ReactNode } from "react";
import { tagsToItems } from "@/components/connectors/wizard-model";
import { Badge, Card, Time } from "@/components/ui/misc";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { DEPLOYMENT_TYPE_LABELS } from "@/lib/infrastructures/schemas";
import { FieldValueText } from "@/components/forms/multi-type-input";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm text-muted">{term}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="p-0">
      <h3 className="border-b border-border px-5 py-3 text-sm font-semibold">{title}</h3>
      <dl className="divide-y divide-border/60 px-5 py-1">{children}</dl>
    </Card>
  );
}

const LEVEL = { project: "project", org: "organization", account: "account" } as const;

export function InfrastructureSummary({ dto }: { dto: InfrastructureDto }) {
  const d = dto.infrastructureDefinition;
  const tags = tagsToItems(d.tags);
  return (
    <div className="grid items-start gap-5 xl:grid-cols-2">
      <Section title="Cluster details">
        <Row term="Connector">
          {dto.connector ? (
            <span className="inline-flex flex-wrap items-center gap-2">
              {dto.connector.name}
              <span className="font-mono text-xs text-muted">{d.spec.connectorRef}</span>
              <Badge>{LEVEL[dto.connector.scope]}</Badge>
            </span>
          ) : (
            <FieldValueText value={d.spec.connectorRef} />
          )}
        </Row>
        <Row term="Region">
          <FieldValueText value={d.spec.region} empty="All regions" />
        </Row>
        <Row term="Cluster">
          <FieldValueText value={d.spec.cluster} />
        </Row>
        <Row term="Namespace">
          <FieldValueText value={d.spec.namespace} />
        </Row>
        <Row term="Release name">
          <FieldValueText value={d.spec.releaseName} />
        </Row>
      </Section>
      <Section title="Definition">
        <Row term="Environment">
          {dto.environment.name} <span className="text-muted">({ENVIRONMENT_TYPE_LABELS[dto.environment.type]})</span>
        </Row>
        <Row term="Deployment type">{DEPLOYMENT_TYPE_LABELS[d.deploymentType]}</Row>
        <Row term="Infrastructure type">Elastic Kubernetes Service</Row>
        <Row term="Stored">Inline</Row>
        <Row term="Simultaneous deployments">
          {typeof d.allowSimultaneousDeployments === "boolean" ? (d.allowSimultaneousDeployments ? "Allowed" : "Not allowed") : <FieldValueText value={d.allowSimultaneousDeployments} />}
        </Row>
        <Row term="Scoped to services">
          {d.scopedServices?.length ? <span className="font-mono text-xs">{d.scopedServices.join(", ")}</span> : <span className="text-muted">Any service</span>}
        </Row>
        <Row term="Provisioner">
          <FieldValueText value={d.spec.provisioner} empty="Not dynamically provisioned" />
        </Row>
        <Row term="Tags">
          {tags.length ? (
            <span className="flex flex-wrap gap-1">
              {tags.map((t) => (
                <Badge key={t} className="font-mono">
                  {t}
                </Badge>
              ))}
            </span>
          ) : (
            <span className="text-muted">None</span>
          )}
        </Row>
        <Row term="Version">
          {dto.version} · updated <Time iso={dto.updatedAt} />
        </Row>
      </Section>
    </div>
  );
}
