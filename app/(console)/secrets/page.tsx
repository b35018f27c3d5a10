import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/misc";

export const metadata: Metadata = { title: "Secrets" };

export default function SecretsPage() {
  return (
    <>
      <PageHeader title="Secrets" description="Encrypted values that connectors reference, such as AWS secret keys." />
      <EmptyState title="No secrets yet" icon="secrets">
        Secrets arrive with connectors. Values are encrypted at rest and write-only: once saved, nobody can read them back.
      </EmptyState>
    </>
  );
}
