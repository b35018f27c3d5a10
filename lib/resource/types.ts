// The kinds of resources and the shape of a reference between them (pure types).
export type ResourceType =
  | "Organization"
  | "Project"
  | "Secret"
  | "Connector"
  | "Environment"
  | "InfrastructureDefinition"
  | "GitopsAgent"
  | "GitopsCluster"
  | "ServiceAccount";

/** An item that refers to another: kind, identifier and where it lives. */
export interface Referrer {
  type: ResourceType;
  identifier: string;
  name?: string;
  orgIdentifier: string | null;
  projectIdentifier: string | null;
  /** Infrastructure definitions: identifiers are unique per environment. */
  environment?: string;
  /** The field of the referrer that holds the reference. */
  field?: string;
}
