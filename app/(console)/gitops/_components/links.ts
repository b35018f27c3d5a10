// Links inside the GitOps section, keeping the scope (?org=&project=) of the current page.
type Href = (path: string) => string;

const withParam = (h: string, key: string, value: string) =>
  `${h}${h.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`;

export const gitopsHref = (href: Href, tab?: "clusters" | "agents") =>
  tab && tab !== "clusters" ? withParam(href("/gitops"), "tab", tab) : href("/gitops");
export const clusterHref = (href: Href, identifier: string, suffix = "") =>
  href(`/gitops/clusters/${encodeURIComponent(identifier)}${suffix}`);
export const newClusterHref = (href: Href, agent?: string) =>
  agent ? withParam(href("/gitops/clusters/new"), "agent", agent) : href("/gitops/clusters/new");
export const agentHref = (href: Href, identifier: string) => href(`/gitops/agents/${encodeURIComponent(identifier)}`);
