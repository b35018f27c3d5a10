"use client";
import { useScope } from "@/lib/scopes/hooks";
import { SecretList } from "./secret-list";

/** The list for the scope in the URL; a new scope starts a fresh list (search, dialogs, cache). */
export function SecretsView() {
  const { org, project } = useScope();
  return <SecretList key={`${org ?? ""}/${project ?? ""}`} scope={{ org, project }} />;
}
