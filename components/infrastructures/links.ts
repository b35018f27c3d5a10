// Page links for definitions: a definition's identifier is unique within its environment, so
// its pages carry ?environment= beside the scope (?org=&project=).
type Href = (path: string) => string;

export function withParam(url: string, key: string, value: string | undefined): string {
  if (!value) return url;
  return `${url}${url.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`;
}

export const infrastructuresHref = (href: Href, environment?: string) =>
  withParam(href("/infrastructures"), "environment", environment);
export const newInfrastructureHref = (href: Href, environment?: string) =>
  withParam(href("/infrastructures/new"), "environment", environment);
export const infrastructureHref = (href: Href, environment: string, identifier: string, suffix = "") =>
  withParam(href(`/infrastructures/${encodeURIComponent(identifier)}${suffix}`), "environment", environment);
