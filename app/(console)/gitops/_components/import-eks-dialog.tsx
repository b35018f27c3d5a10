"use client";
// "Import from EKS": pick a connector and one of its clusters; DescribeCluster fills the master
// URL, the CA and the IRSA cluster name and region. Choosing a cluster from the list describes it.
import { useState } from "react";
import { ConnectorPicker } from "@/components/connectors/connector-picker";
import { ClusterCombobox, RegionSelect } from "@/components/infrastructures/lookup-fields";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useEksClusterDescription, type EksClusterInfo } from "@/lib/gitops/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";

export function ImportEksDialog({
  open,
  onOpenChange,
  scope,
  initialConnectorRef,
  onImport,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  scope: ScopeRef;
  initialConnectorRef?: string;
  onImport: (c: EksClusterInfo) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Import from EKS"
      description="Choose a connector and a cluster; Conduit reads its API endpoint and certificate authority from EKS."
      className="w-[min(94vw,44rem)]"
    >
      {open && (
        <ImportForm
          scope={scope}
          initialConnectorRef={initialConnectorRef ?? ""}
          onImport={onImport}
          onCancel={() => onOpenChange(false)}
        />
      )}
    </Dialog>
  );
}

function ImportForm({
  scope,
  initialConnectorRef,
  onImport,
  onCancel,
}: {
  scope: ScopeRef;
  initialConnectorRef: string;
  onImport: (c: EksClusterInfo) => void;
  onCancel: () => void;
}) {
  const [connectorRef, setConnectorRef] = useState(initialConnectorRef);
  // The agent's connector may arrive after the dialog opened: take it while none was chosen.
  const [offered, setOffered] = useState(initialConnectorRef);
  if (offered !== initialConnectorRef) {
    setOffered(initialConnectorRef);
    if (!connectorRef) setConnectorRef(initialConnectorRef);
  }
  const [region, setRegion] = useState("");
  const [cluster, setCluster] = useState("");
  const [chosen, setChosen] = useState("");
  const described = useEksClusterDescription(
    scope,
    connectorRef,
    region && !chosen.includes("/") ? `${region}/${chosen}` : chosen,
    Boolean(chosen),
  );
  const c = described.data;

  return (
    <div className="flex flex-col gap-4">
      <Field label="AWS connector" required>
        {(a) => (
          <ConnectorPicker
            {...a}
            scope={scope}
            value={connectorRef}
            onChange={(ref) => {
              setConnectorRef(ref);
              setCluster("");
              setChosen("");
            }}
          />
        )}
      </Field>
      <Field label="Region" hint="Leave on All regions to search every region the connector can use.">
        {(a) => (
          <RegionSelect
            {...a}
            scope={scope}
            connectorRef={connectorRef || null}
            value={region}
            onChange={(r) => {
              setRegion(r);
              setCluster("");
              setChosen("");
            }}
          />
        )}
      </Field>
      <Field label="Cluster" required>
        {(a) => (
          <div className="flex items-start gap-2">
            <div className="flex-1">
              <ClusterCombobox
                {...a}
                scope={scope}
                lookup={connectorRef ? { connectorRef, region } : null}
                unlistedHint="Choose a connector to list its clusters, or type the cluster name."
                value={cluster}
                onChange={setCluster}
                // A cluster from the list is described at once; a typed one when the field is left.
                onPick={setChosen}
                onBlur={() => cluster.trim() && setChosen(cluster.trim())}
              />
            </div>
            <Button onClick={() => setChosen(cluster.trim())} disabled={!connectorRef || !cluster.trim()}>
              Describe
            </Button>
          </div>
        )}
      </Field>
      <div aria-live="polite">
        {described.isFetching && (
          <p className="flex items-center gap-2 text-sm text-muted">
            <Spinner /> Describing {chosen}…
          </p>
        )}
        {described.isError && <Alert title="Could not describe the cluster">{errorMessage(described.error)}</Alert>}
        {c && !described.isFetching && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-md border border-border bg-surface-2 p-3 text-sm">
            <dt className="text-muted">Cluster</dt>
            <dd className="font-mono">
              {c.name} ({c.region})
            </dd>
            <dt className="text-muted">Endpoint</dt>
            <dd className="break-all font-mono">{c.endpoint}</dd>
            <dt className="text-muted">Kubernetes</dt>
            <dd>{c.version || "unknown"}</dd>
            <dt className="text-muted">CA data</dt>
            <dd>{c.caData ? `${c.caData.length} characters` : "missing"}</dd>
          </dl>
        )}
      </div>
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="primary" disabled={!c || described.isFetching || !c.endpoint} onClick={() => c && onImport(c)}>
          Use this cluster
        </Button>
      </div>
    </div>
  );
}
