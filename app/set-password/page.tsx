import type { Metadata } from "next";
import { SetPasswordView } from "./_components/set-password-form";

export const metadata: Metadata = { title: "Set your password" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The one-time link an Account Admin hands out: the user chooses their password here. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Search }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  return <SetPasswordView token={token} />;
}
