"use client";
// A form that opens the create-secret dialog (through a SecretPicker) can learn which secrets
// were created inside it, e.g. the connector wizard, which lists them and offers to delete them
// when its draft is discarded. Only references travel here, never a value.
import { createContext, useContext } from "react";
import type { SecretDto } from "@/lib/secrets/schemas";

export interface CreatedSecret {
  identifier: string;
  name: string;
  ref: string;
  org?: string;
  project?: string;
}

export const createdSecretOf = (s: SecretDto): CreatedSecret => ({
  identifier: s.identifier,
  name: s.name,
  ref: s.ref,
  org: s.orgIdentifier ?? undefined,
  project: s.projectIdentifier ?? undefined,
});

export const SecretCreatedContext = createContext<((secret: CreatedSecret) => void) | null>(null);
export const useSecretCreated = () => useContext(SecretCreatedContext);
