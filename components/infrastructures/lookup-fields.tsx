"use client";
// The fixed-value controls of the cluster details: region, cluster and namespace, each fed by a
// live lookup through the connector when the fields it depends on are fixed. None of them ever
// blocks typing: a lookup only adds suggestions, and its loading or failure is said beside it.
import type { FixedControlProps } from "@/components/forms/multi-type-input";
import { Button } from "@/components/ui/button";
import { Combobox } from "@/components/ui/combobox";
import { Input, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { REGIONS, regionLabel } from "@/lib/aws/partitions";
import { RegionOptions } from "@/components/ui/region-options";
import { useClusters, useNamespaces, useRegions } from "@/lib/eks/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";

/** Empty means "no region filter": clusters are then listed across every region. */
export function RegionSelect({
  scope,
  connectorRef,
  ...p
}: FixedControlProps & { scope: ScopeRef; connectorRef: string | null }) {
  const regions = useRegions(scope, connectorRef ?? "", connectorRef !== null);
  const listed = regions.data?.regions.map((r) => r.name);
  const labels = new Map(regions.data?.regions.map((r) => [r.name, r.label]));
  const codes = listed ?? REGIONS.map((r) => r.code);
  // A stored region the connector no longer lists still shows as chosen.
  const all = p.value && !codes.includes(p.value) ? [p.value, ...codes] : codes;
  return (
    <div className="flex flex-col gap-1">
      <Select
        id={p.id}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
        aria-invalid={p["aria-invalid"]}
        aria-describedby={p["aria-describedby"]}
      >
        <option value="">All regions</option>
        {listed ? (
          all.map((code) => (
            <option key={code} value={code}>
              {labels.get(code) ?? regionLabel(code)} — {code}
            </option>
          ))
        ) : (
          <RegionOptions />
        )}
      </Select>
      {connectorRef !== null && regions.isFetching && (
        <p className="flex items-center gap-1.5 text-xs text-muted">
          <Spinner className="size-3" /> Loading the regions this connector can use…
        </p>
      )}
      {connectorRef !== null && regions.isError && (
        <p className="text-xs text-warning">
          Could not list the connector&apos;s regions ({errorMessage(regions.error)}); showing every known region.
        </p>
      )}
    </div>
  );
}

/**
 * Clusters of the connector, in the chosen region or across all of them. `lookup` is null while
 * the connector or region is not fixed: the field is then plain text and says why.
 */
export function ClusterCombobox({
  scope,
  lookup,
  unlistedHint = "The cluster list needs a fixed connector and a fixed (or no) region. Type the cluster name.",
  ...p
}: FixedControlProps & {
  scope: ScopeRef;
  lookup: { connectorRef: string; region: string } | null;
  /** A cluster was chosen from the list. */
  onPick?: (value: string) => void;
  /** Said under the plain text field while there is no lookup (why there is no list). */
  unlistedHint?: string;
}) {
  const clusters = useClusters(scope, lookup?.connectorRef ?? "", lookup?.region ?? "", lookup !== null);
  if (!lookup) {
    return (
      <div className="flex flex-col gap-1">
        <Input
          {...p}
          onChange={(e) => p.onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          placeholder="region/cluster or cluster"
        />
        <p className="text-xs text-muted">{unlistedHint}</p>
      </div>
    );
  }
  const data = clusters.data;
  const options = (data?.clusters ?? []).map((c) => ({ value: c.value, label: c.name, detail: c.region }));
  const regionErrors = data?.regionErrors ?? [];
  const status = clusters.isFetching ? (
    <span className="flex items-center gap-1.5">
      <Spinner className="size-3" />{" "}
      {lookup.region ? `Listing clusters in ${lookup.region}…` : "Listing clusters in every region…"}
    </span>
  ) : clusters.isError ? (
    `Could not list clusters: ${errorMessage(clusters.error)}`
  ) : data && options.length === 0 ? (
    "No clusters found. Type a name."
  ) : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-start gap-2">
        <Combobox
          {...p}
          className="flex-1"
          options={options}
          status={status}
          listLabel="Clusters"
          placeholder={lookup.region ? "cluster" : "region/cluster"}
        />
        <Button
          onClick={() => void clusters.refresh().catch(() => undefined)}
          disabled={clusters.isFetching}
          aria-label="Refresh the cluster list"
        >
          Refresh
        </Button>
      </div>
      <div aria-live="polite" className="flex flex-col gap-1 text-xs">
        {clusters.isFetching && (
          <p className="flex items-center gap-1.5 text-muted">
            <Spinner className="size-3" /> Loading clusters… you can keep typing.
          </p>
        )}
        {clusters.isError && !clusters.isFetching && (
          <p className="text-danger">Could not list clusters: {errorMessage(clusters.error)}. Type the name instead.</p>
        )}
        {data && !clusters.isFetching && (
          <p className="text-muted">
            {options.length} cluster{options.length === 1 ? "" : "s"} found
            {lookup.region
              ? ` in ${lookup.region}`
              : ` across ${data.regionsSearched} region${data.regionsSearched === 1 ? "" : "s"}`}
            .
          </p>
        )}
        {regionErrors.length > 0 && (
          <details className="text-warning">
            <summary className="cursor-pointer">
              {regionErrors.length} region{regionErrors.length === 1 ? "" : "s"} could not be searched
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {regionErrors.map((e) => (
                <li key={e.region}>
                  <span className="font-mono">{e.region}</span>: {e.code} — {e.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}

/** Namespaces of the cluster as suggestions; the field stays free text, and says why when listing fails. */
export function NamespaceCombobox({
  scope,
  lookup,
  ...p
}: FixedControlProps & { scope: ScopeRef; lookup: { connectorRef: string; cluster: string; region: string } | null }) {
  const namespaces = useNamespaces(
    scope,
    lookup?.connectorRef ?? "",
    lookup?.cluster ?? "",
    lookup !== null,
    lookup?.region,
  );
  const options = (namespaces.data?.namespaces ?? []).map((n) => ({ value: n }));
  const status = namespaces.isFetching ? "Loading namespaces…" : undefined;
  return (
    <div className="flex flex-col gap-1">
      <Combobox
        {...p}
        options={lookup ? options : []}
        status={lookup ? status : undefined}
        listLabel="Namespaces"
        placeholder="default"
      />
      <p aria-live="polite" className="text-xs">
        {!lookup && (
          <span className="text-muted">Suggestions appear once the connector and cluster are fixed values.</span>
        )}
        {lookup && namespaces.isFetching && (
          <span className="inline-flex items-center gap-1.5 text-muted">
            <Spinner className="size-3" /> Loading the cluster&apos;s namespaces…
          </span>
        )}
        {lookup && namespaces.isError && !namespaces.isFetching && (
          <span className="text-warning">
            Namespaces could not be listed: {errorMessage(namespaces.error)} Type the namespace.
          </span>
        )}
        {lookup && namespaces.data && !namespaces.isFetching && (
          <span className="text-muted">
            {options.length} namespace{options.length === 1 ? "" : "s"} in {lookup.cluster}; any DNS label works.
          </span>
        )}
      </p>
    </div>
  );
}
