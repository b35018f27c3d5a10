// A new connector's form values. Kept apart from schemas.ts (zod, imported here for types only)
// so the wizard's first step renders without downloading zod.
import { DEFAULT_REGION } from "@/lib/aws/partitions";
import type { ConnectorFormValues } from "./schemas";

/** Values for a new connector form: access-key credentials in the default region. */
export function defaultConnectorInput(): ConnectorFormValues {
  return {
    name: "",
    identifier: "",
    description: "",
    tags: {},
    spec: {
      credential: { type: "ManualConfig", spec: { accessKey: "", secretKeyRef: "" }, region: DEFAULT_REGION },
      delegateSelectors: [],
      executeOnDelegate: true,
    },
  };
}
