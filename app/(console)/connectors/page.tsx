import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/misc";

export const metadata: Metadata = { title: "Connectors" };

export default function ConnectorsPage() {
  return (
    <>
      <PageHeader title="AWS connectors" description="Credentials and settings Conduit uses to reach your AWS accounts." />
      <EmptyState title="No connectors yet" icon="connectors">
        Connectors arrive in a coming release: access keys kept as write-only secrets, the server&apos;s own role, IRSA or OIDC
        federation, with a step-by-step connection test.
      </EmptyState>
    </>
  );
}
