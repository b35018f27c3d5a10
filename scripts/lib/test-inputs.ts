// Inputs the integration tests create over and over: an access-key connector.
import type { ConnectorInput } from "@/lib/connectors/schemas";

type Credential = ConnectorInput["spec"]["credential"];

/** A ManualConfig (access key) connector's input: `us-east-1`, no selectors, unless told otherwise. */
export function accessKeyConnector(
  identifier: string,
  o: {
    accessKey: string;
    secretKeyRef: string;
    name?: string;
    region?: string;
    credential?: Partial<Credential>;
    spec?: Partial<ConnectorInput["spec"]>;
  },
): ConnectorInput {
  return {
    name: o.name ?? identifier,
    identifier,
    description: "",
    tags: {},
    spec: {
      credential: {
        type: "ManualConfig",
        spec: { accessKey: o.accessKey, secretKeyRef: o.secretKeyRef },
        region: o.region ?? "us-east-1",
        ...o.credential,
      } as Credential,
      delegateSelectors: [],
      executeOnDelegate: true,
      ...o.spec,
    },
  };
}
