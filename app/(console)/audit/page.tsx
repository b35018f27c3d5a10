import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/misc";
import { AuditLog } from "./_components/audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to organizations, projects, connectors and secrets: who made it, when, and what changed. Secret values never appear here."
      />
      <AuditLog />
    </>
  );
}
