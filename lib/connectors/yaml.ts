// Harness-style YAML for AWS connectors: `connector: { name, identifier, …, type: Aws, spec }`,
// and Conduit's own extension beside them: `conduit: { usages: [{ id, resources }] }`.
// Pure (browser and server): the YAML view of the form and the `application/yaml` API body
// both go through here, and both validate with the one zod contract in ./schemas.
import type { z } from "zod";
import {
  isRecord,
  locateWrappedIssue,
  ordered,
  readYaml,
  toYamlText,
  withoutNulls,
  valueOr422,
  type Rec,
} from "@/lib/yaml/document";
import { RESOURCE_KINDS } from "@/lib/aws/usages";
import { connectorInputSchema, connectorUpdateSchema, type ConnectorInput } from "./schemas";

// YAML 1.1 readers (Harness's Java side, snakeyaml) turn these plain words into booleans;
// quoting them keeps a tag like `enabled: "yes"` a string everywhere.
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Conduit's own fields, kept apart from Harness's under `conduit:` after `spec:` (a Harness
 * reader ignores or drops the one key); left out when there is nothing in it, so a connector
 * without uses reads exactly like Harness's document.
 */
function conduitToYaml(conduit: ConnectorInput["conduit"]): Rec | undefined {
  if (!conduit?.usages.length && !conduit?.periodicCheck) return undefined;
  return ordered(
    {
      usages: conduit.usages.length ? usagesToYaml(conduit.usages) : undefined,
      periodicCheck: conduit.periodicCheck ? ordered(conduit.periodicCheck, ["enabled", "intervalMinutes"]) : undefined,
    },
    ["usages", "periodicCheck"],
  );
}

function usagesToYaml(usages: NonNullable<ConnectorInput["conduit"]>["usages"]) {
  return usages.map((u) =>
    ordered(
      {
        id: u.id,
        resources: u.resources && Object.keys(u.resources).length ? ordered(u.resources, RESOURCE_KINDS) : undefined,
      },
      ["id", "resources"],
    ),
  );
}

export function connectorToYaml(c: ConnectorInput & { orgIdentifier?: string; projectIdentifier?: string }): string {
  const cred = c.spec.credential;
  const credential = ordered(
    {
      ...cred,
      // InheritFromDelegate and Irsa carry no spec; Harness leaves the key out.
      spec: isRecord(cred.spec)
        ? ordered(cred.spec, [
            "accessKey",
            "accessKeyRef",
            "secretKeyRef",
            "sessionTokenRef",
            "iamRoleArn",
            "oidcSessionTagKeys",
          ])
        : undefined,
      crossAccountAccess: cred.crossAccountAccess
        ? ordered(cred.crossAccountAccess, ["crossAccountRoleArn", "externalId", "assumeRoleSessionDuration"])
        : undefined,
    },
    ["type", "spec", "region", "crossAccountAccess"],
  );
  const backoff = c.spec.awsSdkClientBackOffStrategyOverride;
  const spec = ordered(
    {
      ...c.spec,
      credential,
      awsSdkClientBackOffStrategyOverride: backoff
        ? {
            type: backoff.type,
            spec: ordered(backoff.spec, ["fixedBackoff", "baseDelay", "maxBackoffTime", "retryCount"]),
          }
        : undefined,
    },
    ["credential", "awsSdkClientBackOffStrategyOverride", "delegateSelectors", "executeOnDelegate"],
  );
  const connector = ordered(
    {
      name: c.name,
      identifier: c.identifier,
      description: c.description,
      orgIdentifier: c.orgIdentifier || undefined,
      projectIdentifier: c.projectIdentifier || undefined,
      tags: c.tags,
      type: "Aws",
      spec,
      conduit: conduitToYaml(c.conduit),
    },
    ["name", "identifier", "description", "orgIdentifier", "projectIdentifier", "tags", "type", "spec", "conduit"],
  );
  return toYamlText({ connector }, YAML11_BOOL);
}

/**
 * Maps a parsed YAML document to the API input shape, without validating: the zod schema does
 * that. Anything that is not `connector: {…}` is returned unchanged so the schema reports it;
 * a `type` other than Aws is kept (as null when missing) for the schema's literal to refuse.
 */
export function yamlToConnectorInput(doc: unknown): unknown {
  if (!isRecord(doc) || !isRecord(doc.connector)) return doc;
  const { connector, ...others } = doc;
  const { type, ...rest } = connector;
  const out: Rec = withoutNulls({ ...others, ...rest }, [
    "description",
    "tags",
    "orgIdentifier",
    "projectIdentifier",
    "conduit",
  ]);
  if (type !== "Aws") out.type = type ?? null;
  for (const k of ["orgIdentifier", "projectIdentifier"]) if (out[k] === "") delete out[k];
  if (isRecord(out.spec)) {
    const spec = withoutNulls(out.spec, [
      "awsSdkClientBackOffStrategyOverride",
      "delegateSelectors",
      "executeOnDelegate",
    ]);
    if (isRecord(spec.credential)) spec.credential = withoutNulls(spec.credential, ["crossAccountAccess", "region"]);
    out.spec = spec;
  }
  // `conduit:` with nothing under it (or `usages:` left empty) means no uses and the default check.
  if (isRecord(out.conduit)) out.conduit = withoutNulls(out.conduit, ["usages", "periodicCheck"]);
  return out;
}

export type ConnectorYamlResult =
  { ok: true; value: ConnectorInput } | { ok: false; line: number; column: number; message: string; path: string };

/** Parses and validates connector YAML; failures carry the 1-based line/column of the offending key. */
export function parseConnectorYaml(
  text: string,
  schema: z.ZodType<ConnectorInput, unknown> = connectorInputSchema,
): ConnectorYamlResult {
  const read = readYaml(text);
  if (!read.ok) return { ok: false, ...read.issues[0]! };
  const js = read.js;
  if (!isRecord(js)) {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: "Expected a connector document starting with connector:",
      path: "",
    };
  }
  const result = schema.safeParse(yamlToConnectorInput(js));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, line: 1, column: 1, message: "Invalid connector", path: "" };
  // Keys outside `connector:` were merged into the input, so try the wrapped path, then the top.
  return { ok: false, ...locateWrappedIssue(read, "connector", issue) };
}

/** For the routes' `fromYaml`: the create or update body, or a 422 naming the line. */
export const connectorCreateFromYaml = (text: string) => valueOr422(parseConnectorYaml(text));
export const connectorUpdateFromYaml = (text: string) => valueOr422(parseConnectorYaml(text, connectorUpdateSchema));
