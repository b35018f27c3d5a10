// Harness-style YAML for environments (`environment: {…}`), both ways; pure, for the API and the
// browser. Errors name the line of the offending key.
import { ordered, parseWrappedYaml, RESOURCE_HEAD, toYamlText, valueOr422 } from "@/lib/yaml/document";
import { environmentInputSchema, environmentUpdateSchema, type EnvironmentDto } from "./schemas";

export const environmentToYaml = (dto: EnvironmentDto): string =>
  toYamlText({ environment: ordered(dto.environment, [...RESOURCE_HEAD, "type"]) });

export const environmentCreateFromYaml = (text: string) =>
  valueOr422(parseWrappedYaml(text, "environment", environmentInputSchema));
export const environmentUpdateFromYaml = (text: string) =>
  valueOr422(parseWrappedYaml(text, "environment", environmentUpdateSchema));
