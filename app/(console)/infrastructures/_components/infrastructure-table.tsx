"use client";
import Link from "next/link";
import { FieldValueText } from "@/components/forms/multi-type-input";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/misc";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { DEPLOYMENT_TYPE_LABELS } from "@/lib/infrastructures/schemas";

export function InfrastructureTable({
  items,
  showEnvironment,
  detailsHref,
  onDelete,
}: {
  items: InfrastructureDto[];
  showEnvironment: boolean;
  detailsHref: (dto: InfrastructureDto) => string;
  onDelete: (dto: InfrastructureDto) => void;
}) {
  const th = "px-3 py-2.5 text-left text-xs font-medium text-muted";
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full min-w-[48rem] border-collapse text-sm">
        <caption className="sr-only">Infrastructure definitions</caption>
        <thead className="border-b border-border bg-surface-2/60">
          <tr>
            <th scope="col" className={`${th} pl-4`}>
              Name
            </th>
            {showEnvironment && (
              <th scope="col" className={th}>
                Environment
              </th>
            )}
            <th scope="col" className={th}>
              Deployment
            </th>
            <th scope="col" className={th}>
              Connector
            </th>
            <th scope="col" className={th}>
              Cluster
            </th>
            <th scope="col" className={th}>
              Namespace
            </th>
            <th scope="col" className={`${th} pr-4 text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((dto) => {
            const d = dto.infrastructureDefinition;
            return (
              <tr
                key={`${dto.environment.identifier}/${d.identifier}`}
                className="border-b border-border last:border-0 hover:bg-surface-2/40"
              >
                <td className="max-w-64 py-3 pl-4 pr-3 align-top">
                  <Link href={detailsHref(dto)} className="font-medium text-accent hover:underline">
                    {d.name}
                  </Link>
                  <div className="truncate font-mono text-xs text-muted" title={d.identifier}>
                    {d.identifier}
                  </div>
                </td>
                {showEnvironment && <td className="px-3 py-3 align-top">{dto.environment.name}</td>}
                <td className="px-3 py-3 align-top">
                  <span className="flex flex-col gap-1">
                    {DEPLOYMENT_TYPE_LABELS[d.deploymentType]}
                    <Badge className="w-fit">EKS</Badge>
                  </span>
                </td>
                <td className="px-3 py-3 align-top">
                  {dto.connector ? dto.connector.name : <FieldValueText value={d.spec.connectorRef} />}
                </td>
                <td className="px-3 py-3 align-top">
                  <FieldValueText value={d.spec.cluster} />
                </td>
                <td className="px-3 py-3 align-top">
                  <FieldValueText value={d.spec.namespace} />
                </td>
                <td className="py-2.5 pl-3 pr-4 text-right align-top">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onDelete(dto)}
                    aria-label={`Delete infrastructure definition ${d.name}`}
                    className="text-danger"
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
