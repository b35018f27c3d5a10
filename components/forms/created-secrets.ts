"use client";
// A form that opens the create-secret dialog (through a SecretPicker) learns which secrets were
// created inside it: the connector wizard and the GitOps cluster form list them and offer to
// delete them when their draft is discarded (./use-form-draft). Only references travel here.
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
