import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/misc";
import { OrganizationList } from "./_components/organization-list";

export const metadata: Metadata = { title: "Organizations" };

export default function OrganizationsPage() {
  return (
    <>
      <PageHeader
        title="Organizations and projects"
        description="Connectors, secrets and infrastructure live at the account, in an organization, or in one of its projects."
      />
      <OrganizationList />
    </>
  );
}
