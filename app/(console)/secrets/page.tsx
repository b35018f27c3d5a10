import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/misc";
import { SecretsView } from "./_components/secrets-view";

export const metadata: Metadata = { title: "Secrets" };

export default function SecretsPage() {
  return (
    <>
      <PageHeader
        title="Secrets"
        description="Encrypted values that connectors reference, such as AWS secret keys. Values are write-only: they can be replaced, never read back."
      />
      <SecretsView />
    </>
  );
}
