import type { Metadata } from "next";
import { AuthCard } from "@/components/identity/auth-card";
import { setupLinkState } from "@/lib/auth/bootstrap";
import { SetupView } from "./_components/setup-form";
import { SetupDone, SetupLinkInvalid } from "./_components/setup-states";

export const metadata: Metadata = { title: "Set up Conduit" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** First run: the one-time link from the server's log creates the first Account Admin. */
export default async function SetupPage({ searchParams }: { searchParams: Search }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  // Asked even without a token: after setup, every /setup visit says so and points to sign in.
  const state = await setupLinkState(token.slice(0, 256));
  if (state === "done")
    return (
      <AuthCard title="Conduit is already set up">
        <SetupDone />
      </AuthCard>
    );
  if (state === "invalid")
    return (
      <AuthCard title="This setup link does not work">
        <SetupLinkInvalid />
      </AuthCard>
    );
  return <SetupView token={token} />;
}
