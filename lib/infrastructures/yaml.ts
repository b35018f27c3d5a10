// Harness-style YAML for infrastructure definitions: `infrastructureDefinition: { name, …, spec }`.
// Pure (browser and server): the YAML tab, the `application/yaml` API body and the resolved
// document of the resolve endpoint all go through here and validate with ./schemas.
import type { z } from "zod";
import {
  isRecord,
  locateWrappedIssue,
  ordered,
  readYaml,
  toYamlText,
  withoutNulls,
  valueOr422,
  type YamlIssue,
} from "@/lib/yaml/document";
import { infrastructureInputSchema, infrastructureUpdateSchema, type InfrastructureInput } from "./schemas";

// YAML 1.1 readers (Harness's snakeyaml) read these words as booleans; quoting keeps them strings.
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;

export type InfrastructureYamlInput = InfrastructureInput & { orgIdentifier?: string; projectIdentifier?: string };

export function infrastructureToYaml(d: InfrastructureYamlInput): string {
  const definition = ordered(
    {
      name: d.name,
      identifier: d.identifier,
      description: d.description,
      tags: d.tags,
      orgIdentifier: d.orgIdentifier || undefined,
      projectIdentifier: d.projectIdentifier || undefined,
      environmentRef: d.environmentRef,
      deploymentType: d.deploymentType,
      type: d.type,
      spec: ordered({ ...d.spec }, ["connectorRef", "cluster", "namespace", "releaseName", "region", "provisioner"]),
      allowSimultaneousDeployments: d.allowSimultaneousDeployments,
      // Inline is the only storage and Harness leaves it out of the document.
      scopedServices: d.scopedServices.length ? d.scopedServices : undefined,
    },
    [],
  );
  return toYamlText({ infrastructureDefinition: definition }, YAML11_BOOL);
}

/**
 * Maps a parsed document to the API input shape without validating (the schema does that).
 * Anything that is not `infrastructureDefinition: {…}` is returned unchanged for the schema to report.
 */
export function yamlToInfrastructureInput(doc: unknown): unknown {
  if (!isRecord(doc) || !isRecord(doc.infrastructureDefinition)) return doc;
  const { infrastructureDefinition, ...others } = doc;
  const out = withoutNulls({ ...others, ...infrastructureDefinition }, [
    "description",
    "tags",
    "orgIdentifier",
    "projectIdentifier",
    "scopedServices",
    "storage",
  ]);
  for (const k of ["orgIdentifier", "projectIdentifier"]) if (out[k] === "") delete out[k];
  if (isRecord(out.spec)) out.spec = withoutNulls(out.spec, ["region", "provisioner"]);
  return out;
}

export type InfrastructureYamlResult =
  { ok: true; value: InfrastructureInput } | ({ ok: false; issues: YamlIssue[] } & YamlIssue);

const fail = (issues: YamlIssue[]): InfrastructureYamlResult => ({ ok: false, ...issues[0]!, issues });

/** Parses and validates definition YAML; every issue carries the 1-based line/column of its key. */
export function parseInfrastructureYaml(
  text: string,
  schema: z.ZodType<InfrastructureInput, unknown> = infrastructureInputSchema,
): InfrastructureYamlResult {
  const read = readYaml(text);
  if (!read.ok) return fail(read.issues);
  const js = read.js;
  if (!isRecord(js)) {
    return fail([
      { line: 1, column: 1, message: "Expected a document starting with infrastructureDefinition:", path: "" },
    ]);
  }
  const result = schema.safeParse(yamlToInfrastructureInput(js));
  if (result.success) return { ok: true, value: result.data };
  // Keys beside `infrastructureDefinition:` were merged into the input: try the wrapped path, then the top.
  const issues = result.error.issues.map((issue) => locateWrappedIssue(read, "infrastructureDefinition", issue));
  return issues.length
    ? fail(issues)
    : fail([{ line: 1, column: 1, message: "Invalid infrastructure definition", path: "" }]);
}

/** For the routes' `fromYaml`: the create or update body, or a 422 naming every issue's line. */
export const infrastructureCreateFromYaml = (text: string) => valueOr422(parseInfrastructureYaml(text));
export const infrastructureUpdateFromYaml = (text: string) =>
  valueOr422(parseInfrastructureYaml(text, infrastructureUpdateSchema));
