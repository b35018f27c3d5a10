import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/misc";

export const metadata: Metadata = { title: "GitOps clusters" };

export default function GitopsPage() {
  return (
    <>
      <PageHeader title="GitOps clusters" description="EKS clusters that a GitOps agent deploys to through an IAM role." />
      <EmptyState title="No GitOps clusters yet" icon="gitops">
        GitOps clusters arrive in a coming release. You will import a cluster from EKS, follow a setup guide generated for your
        own roles, and test that the agent can reach it.
      </EmptyState>
    </>
  );
}
