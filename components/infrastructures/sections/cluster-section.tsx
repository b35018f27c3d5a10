"use client";
import { useEffect, useRef } from "react";
import { useWatch } from "react-hook-form";
import { Input } from "@/components/ui/field";
import { fixedClusterSchema } from "@/lib/infrastructures/schemas";
import { kindOf } from "@/lib/runtime-input";
import type { ScopeRef } from "@/lib/scope";
import { ConnectorPicker } from "@/components/connectors/connector-picker";
import { useInfraForm } from "../form-model";
import { KubeconfigLink } from "../kubeconfig-link";
import { ClusterCombobox, NamespaceCombobox, RegionSelect } from "../lookup-fields";
import { SpecField } from "../spec-field";
import { FormSection } from "./form-section";

/** A value the lookups can use: fixed and not empty. */
const fixed = (v: unknown): v is string => typeof v === "string" && v.trim() !== "" && kindOf(v) === "fixed";

/** Connector → region → cluster → namespace → release name, each fixed, a runtime input or an expression. */
export function ClusterSection({ scope }: { scope: ScopeRef }) {
  const { control, getValues, setValue, formState } = useInfraForm();
  const [connectorRef, region, cluster] = useWatch({
    control,
    name: ["spec.connectorRef", "spec.region", "spec.cluster"],
  });
  const connector = fixed(connectorRef) ? connectorRef.trim() : null;
  const regionOk = region === undefined || region === "" || fixed(region);
  const clusterLookup = connector && regionOk ? { connectorRef: connector, region: region ?? "" } : null;
  // A bare cluster name needs the region to find it; region/cluster carries its own. A value the
  // field refuses (`us-east-9/prod`) starts no lookup and offers no kubeconfig.
  const namespaceLookup =
    connector && fixed(cluster) && fixedClusterSchema.safeParse(cluster).success && regionOk
      ? { connectorRef: connector, cluster: cluster.trim(), region: region ?? "" }
      : null;

  // Changing the connector clears a fixed cluster: it was chosen from the old connector's list.
  // A reset (reloading the saved copy) changes both to their new defaults: that is not a change.
  const previous = useRef(connectorRef);
  const defaults = formState.defaultValues?.spec;
  useEffect(() => {
    if (previous.current === connectorRef) return;
    previous.current = connectorRef;
    const current = getValues("spec.cluster");
    if (connectorRef === defaults?.connectorRef && current === defaults?.cluster) return;
    if (fixed(current)) setValue("spec.cluster", "", { shouldDirty: true });
  }, [connectorRef, getValues, setValue, defaults]);

  return (
    <FormSection
      id="cluster-details"
      title="Cluster details"
      description="Each field takes a fixed value, a runtime input asked for when a pipeline runs, or an expression."
    >
      <SpecField
        name="spec.connectorRef"
        label="Connector"
        required
        hint="An AWS connector of this project, its organization or the account. Its credentials list the regions, clusters and namespaces below."
        renderFixed={(p) => <ConnectorPicker scope={scope} {...p} />}
      />
      <SpecField
        name="spec.region"
        label="Region"
        hint="Optional. Limits the cluster list to one region; without it every enabled region is searched."
        renderFixed={(p) => <RegionSelect scope={scope} connectorRef={connector} {...p} />}
      />
      <SpecField
        name="spec.cluster"
        label="Cluster"
        required
        hint="Across regions the value is region/cluster, for example us-east-1/prod."
        renderFixed={(p) => <ClusterCombobox scope={scope} lookup={clusterLookup} {...p} />}
      />
      <SpecField
        name="spec.namespace"
        label="Namespace"
        required
        hint="A DNS label: lowercase letters, digits and -."
        renderFixed={(p) => <NamespaceCombobox scope={scope} lookup={namespaceLookup} {...p} />}
      />
      <SpecField
        name="spec.releaseName"
        label="Release name"
        required
        hint="Names the Helm release (at most 53 characters). The default gives each infrastructure its own release."
        renderFixed={(p) => (
          <Input
            {...p}
            onChange={(e) => p.onChange(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        )}
      />
      {namespaceLookup && <KubeconfigLink scope={scope} {...namespaceLookup} />}
    </FormSection>
  );
}
