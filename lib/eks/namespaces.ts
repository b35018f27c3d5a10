// Namespaces of an EKS cluster through a connector, for the definition form's suggestions.
import "server-only";
import { listNamespaces } from "@/lib/kubernetes/client";
import { explainKubeError, openClusterAccess, type EksSession, type LookupOptions } from "./access";

export interface NamespaceListing {
  namespaces: string[];
}

export async function listClusterNamespaces(
  session: EksSession,
  cluster: string,
  o: LookupOptions = {},
): Promise<NamespaceListing> {
  const access = await openClusterAccess(session, cluster, o);
  try {
    const names = await listNamespaces(access.token, {
      timeoutMs: o.kubeTimeoutMs ?? 8_000,
      signal: o.signal,
    });
    return { namespaces: [...new Set(names)].sort() };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw await explainKubeError(err, session, access, "Listing namespaces", o.signal);
  }
}
