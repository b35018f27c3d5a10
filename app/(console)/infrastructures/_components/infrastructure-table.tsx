"use client";
import { FieldValueText } from "@/components/forms/field-value-text";
import { Button } from "@/components/ui/button";
import { DataTable, NameCell, actionsColumn, type Column } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/misc";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { DEPLOYMENT_TYPE_LABELS } from "@/lib/infrastructures/schemas";

export function InfrastructureTable({
  items,
  showEnvironment,
  detailsHref,
  onDelete,
  deleteDisabledReason,
}: {
  items: InfrastructureDto[];
  showEnvironment: boolean;
  detailsHref: (dto: InfrastructureDto) => string;
  onDelete: (dto: InfrastructureDto) => void;
  /** Set while Delete is not available (a missing permission, or not known yet). */
  deleteDisabledReason?: string;
}) {
  const columns: Column<InfrastructureDto>[] = [
    {
      id: "name",
      header: "Name",
      cell: (dto) => {
        const d = dto.infrastructureDefinition;
        return <NameCell name={d.name} identifier={d.identifier} href={detailsHref(dto)} />;
      },
    },
    ...(showEnvironment
      ? [{ id: "environment", header: "Environment", cell: (dto: InfrastructureDto) => dto.environment.name }]
      : []),
    {
      id: "deployment",
      header: "Deployment",
      hideBelow: "lg",
      cell: ({ infrastructureDefinition: d }) => (
        <span className="flex flex-col gap-1">
          {DEPLOYMENT_TYPE_LABELS[d.deploymentType]}
          <Badge className="w-fit">EKS</Badge>
        </span>
      ),
    },
    {
      id: "connector",
      header: "Connector",
      hideBelow: "md",
      cell: (dto) => dto.connector?.name ?? <FieldValueText value={dto.infrastructureDefinition.spec.connectorRef} />,
    },
    {
      id: "cluster",
      header: "Cluster",
      cell: ({ infrastructureDefinition: d }) => <FieldValueText value={d.spec.cluster} />,
    },
    {
      id: "namespace",
      header: "Namespace",
      hideBelow: "sm",
      cell: ({ infrastructureDefinition: d }) => <FieldValueText value={d.spec.namespace} />,
    },
    actionsColumn((dto) => (
      <Button
        size="sm"
        variant="ghost"
        onClick={() => onDelete(dto)}
        aria-label={`Delete infrastructure definition ${dto.infrastructureDefinition.name}`}
        className="text-danger"
        disabledReason={deleteDisabledReason}
      >
        Delete
      </Button>
    )),
  ];
  return (
    <DataTable
      caption="Infrastructure definitions"
      columns={columns}
      rows={items}
      rowKey={(dto) => `${dto.environment.identifier}/${dto.infrastructureDefinition.identifier}`}
      className="md:min-w-[48rem]"
    />
  );
}
