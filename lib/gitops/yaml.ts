// YAML for GitOps agents (`gitopsAgent: {…}`) and clusters (`gitopsCluster: {…}`), both ways.
// Pure (browser and server): the YAML tab and the `application/yaml` API body go through here
// and validate with the one zod contract in ./schemas; errors name the line of the key.
import type { z } from "zod";
import {
  ordered,
  parseWrappedYaml,
  RESOURCE_HEAD as HEAD,
  toYamlText,
  valueOr422,
  type Rec,
} from "@/lib/yaml/document";
import {
  gitopsAgentUpdateSchema,
  gitopsClusterUpdateSchema,
  type GitopsAgentInput,
  type GitopsClusterInput,
} from "./schemas";

const dump = (root: string, body: Rec) => toYamlText({ [root]: body });

export function agentToYaml(a: GitopsAgentInput): string {
  return dump(
    "gitopsAgent",
    ordered({ ...a, spec: ordered(a.spec, ["connectorRef", "managementCluster", "agentRoleArn", "flavour"]) }, [
      ...HEAD,
      "namespace",
      "spec",
    ]),
  );
}

export function clusterToYaml(c: GitopsClusterInput): string {
  const auth = c.spec.authentication;
  const spec = ordered(
    {
      ...c.spec,
      authentication: { type: auth.type, spec: ordered(auth.spec, ["roleArn", "clusterName", "region", "tokenRef"]) },
    },
    ["masterUrl", "authentication", "caData"],
  );
  return dump("gitopsCluster", ordered({ ...c, spec }, [...HEAD, "agentIdentifier", "spec"]));
}

export type GitopsAgentUpdate = z.infer<typeof gitopsAgentUpdateSchema>;
export type GitopsClusterUpdate = z.infer<typeof gitopsClusterUpdateSchema>;

export const parseAgentYaml = (text: string) =>
  parseWrappedYaml<GitopsAgentUpdate>(text, "gitopsAgent", gitopsAgentUpdateSchema);
export const parseClusterYaml = (text: string) =>
  parseWrappedYaml<GitopsClusterUpdate>(text, "gitopsCluster", gitopsClusterUpdateSchema);

/** For withRoute's `fromYaml`: the body shape, or a 422 naming the line. */
export const agentFromYaml = (text: string) => valueOr422(parseAgentYaml(text));
export const clusterFromYaml = (text: string) => valueOr422(parseClusterYaml(text));
/** Create bodies carry no version. */
function withoutVersion<T extends { version?: number }>(v: T): Omit<T, "version"> {
  const { version: _v, ...rest } = v;
  return rest;
}
export const agentCreateFromYaml = (text: string) => withoutVersion(agentFromYaml(text));
export const clusterCreateFromYaml = (text: string) => withoutVersion(clusterFromYaml(text));
