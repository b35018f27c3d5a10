import { tagsToItems } from "@/components/forms/form-values";
import { Badge, Time } from "@/components/ui/misc";
import { SummaryRow, SummarySection } from "@/components/ui/summary";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { DEPLOYMENT_TYPE_LABELS } from "@/lib/infrastructures/schemas";
import { FieldValueText } from "@/components/forms/field-value-text";

const LEVEL = { project: "project", org: "organization", account: "account" } as const;

export function InfrastructureSummary({ dto }: { dto: InfrastructureDto }) {
  const d = dto.infrastructureDefinition;
  const tags = tagsToItems(d.tags);
  return (
    <div className="grid items-start gap-5 xl:grid-cols-2">
      <SummarySection title="Cluster details">
        <SummaryRow term="Connector">
          {dto.connector ? (
            <span className="inline-flex flex-wrap items-center gap-2">
              {dto.connector.name}
              <span className="font-mono text-xs text-muted">{d.spec.connectorRef}</span>
              <Badge>{LEVEL[dto.connector.scope]}</Badge>
            </span>
          ) : (
            <FieldValueText value={d.spec.connectorRef} />
          )}
        </SummaryRow>
        <SummaryRow term="Region">
          <FieldValueText value={d.spec.region} empty="All regions" />
        </SummaryRow>
        <SummaryRow term="Cluster">
          <FieldValueText value={d.spec.cluster} />
        </SummaryRow>
        <SummaryRow term="Namespace">
          <FieldValueText value={d.spec.namespace} />
        </SummaryRow>
        <SummaryRow term="Release name">
          <FieldValueText value={d.spec.releaseName} />
        </SummaryRow>
      </SummarySection>
      <SummarySection title="Definition">
        <SummaryRow term="Environment">
          {dto.environment.name} <span className="text-muted">({ENVIRONMENT_TYPE_LABELS[dto.environment.type]})</span>
        </SummaryRow>
        <SummaryRow term="Deployment type">{DEPLOYMENT_TYPE_LABELS[d.deploymentType]}</SummaryRow>
        <SummaryRow term="Infrastructure type">Elastic Kubernetes Service</SummaryRow>
        <SummaryRow term="Stored">Inline</SummaryRow>
        <SummaryRow term="Simultaneous deployments">
          {typeof d.allowSimultaneousDeployments === "boolean" ? (
            d.allowSimultaneousDeployments ? (
              "Allowed"
            ) : (
              "Not allowed"
            )
          ) : (
            <FieldValueText value={d.allowSimultaneousDeployments} />
          )}
        </SummaryRow>
        <SummaryRow term="Scoped to services">
          {d.scopedServices?.length ? (
            <span className="font-mono text-xs">{d.scopedServices.join(", ")}</span>
          ) : (
            <span className="text-muted">Any service</span>
          )}
        </SummaryRow>
        <SummaryRow term="Provisioner">
          <FieldValueText value={d.spec.provisioner} empty="Not dynamically provisioned" />
        </SummaryRow>
        <SummaryRow term="Tags">
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
        </SummaryRow>
        <SummaryRow term="Version">
          {dto.version} · updated <Time iso={dto.updatedAt} />
        </SummaryRow>
      </SummarySection>
    </div>
  );
}
