import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/misc";

export const metadata: Metadata = { title: "Infrastructure" };

export default function InfrastructuresPage() {
  return (
    <>
      <PageHeader title="Infrastructure definitions" description="Where your services deploy: an EKS cluster, namespace and release name, reached through an AWS connector." />
      <EmptyState title="No infrastructure definitions yet" icon="infrastructure">
        Infrastructure definitions arrive in a coming release. You will pick a connector, a region, a cluster and a namespace,
        each as a fixed value, a runtime input or an expression.
      </EmptyState>
    </>
  );
}
