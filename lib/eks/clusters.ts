// Live lookups for the definition form: the regions a connector can use, and its EKS clusters
// in one region or across every enabled region of its partition. Across regions the calls run
// in parallel (bounded), each region under its own time limit; a region that fails is reported
// beside the results and never fails the listing.
import "server-only";
import { describeRegions } from "@/lib/aws/ec2";
import { listClusters } from "@/lib/aws/eks";
import { awsErrorFacts } from "@/lib/aws/errors";
import { PARTITION_LABELS, REGIONS, partitionOf, regionLabel, type Partition } from "@/lib/aws/partitions";
import { openConnectorSession, type ConnectorSession } from "@/lib/aws/session";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/scopes/service";
import type { ClusterListQuery, ClusterListing, RegionError, RegionListing } from "./schemas";
import { TtlCache } from "./ttl-cache";

/** What the lookups need from a connector session (lib/aws/session.ts's ConnectorSession fits). */
export interface LookupSession {
  connector: { id: string; version: number };
  partition: Partition;
  defaultRegion: string;
  callOptions: ConnectorSession["callOptions"];
  resolveCredentials?: () => Promise<unknown>;
}

export interface ClusterLookupOptions {
  region?: string;
  signal?: AbortSignal;
  /** Regions listed at once when searching all of them. Default 8. */
  concurrency?: number;
  /** Time limit per region, retries included. Default 5 s. */
  regionTimeoutMs?: number;
  /** Default true; benchmarks and tests turn it off. */
  cache?: boolean;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_REGION_TIMEOUT_MS = 5_000;
const CACHE_TTL_MS = 30_000;
/** A listing with failed regions is kept only briefly, so "Refresh" soon retries them. */
const PARTIAL_TTL_MS = 5_000;

// In-process and short-lived on purpose (see docs/architecture.md, Decisions): it only saves
// AWS calls while a form is open; a miss on another instance just calls AWS again.
const regionCache = new TtlCache<RegionListing>(500);
const clusterCache = new TtlCache<ClusterListing>(500);

export function clearLookupCache() {
  regionCache.clear();
  clusterCache.clear();
}

const cacheKey = (s: LookupSession, what: string) => `${s.connector.id}:${s.connector.version}:${what}`;

/** Rejects as soon as `signal` aborts, even while the SDK sleeps between retries. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

const said = (code: string, message: string) => (message && message !== code ? `${code}: ${message}` : code);

/** A failure of the whole lookup (credentials, role, network) in words; region failures go to regionErrors instead. */
export function lookupError(err: unknown, what: string, session: Pick<LookupSession, "partition">): AppError {
  if (err instanceof AppError) return err;
  const f = awsErrorFacts(err);
  const extra = { reason: "aws-error", awsCode: f.code, ...(f.requestId ? { awsRequestId: f.requestId } : {}) };
  if (f.timedOut) return new AppError("UPSTREAM_FAILED", `AWS did not answer in time while ${what}.`, { extra: { ...extra, reason: "aws-timeout" } });
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|ExpiredToken|AuthFailure)/.test(f.code)) {
    return new AppError("UPSTREAM_FAILED", `AWS rejected the connector's credentials while ${what} (${said(f.code, f.message)}). Run the connector's connection test; ${PARTITION_LABELS[session.partition]} credentials only work in ${session.partition} regions.`, { extra: { ...extra, reason: "credentials-rejected" } });
  }
  if (/sts:AssumeRole/.test(f.message)) {
    return new AppError("UPSTREAM_FAILED", `The connector's cross-account role could not be assumed while ${what} (${said(f.code, f.message)}). Check the role's trust policy and external ID.`, { extra: { ...extra, reason: "assume-role-denied" } });
  }
  return new AppError("UPSTREAM_FAILED", `AWS refused ${what}: ${said(f.code, f.message)}`, { extra });
}

/** The regions the connector's account has enabled (ec2:DescribeRegions in its partition). */
export async function listConnectorRegions(session: LookupSession, o: { signal?: AbortSignal; cache?: boolean } = {}): Promise<RegionListing> {
  const key = cacheKey(session, "regions");
  const hit = o.cache === false ? undefined : regionCache.get(key);
  if (hit) return hit;
  try {
    // The connector's own region is in its partition, so DescribeRegions answers for that partition.
    const r = await describeRegions(session.callOptions(session.defaultRegion, { signal: o.signal }));
    const listing: RegionListing = {
      partition: session.partition,
      regions: r.regions.filter((name) => partitionOf(name) === session.partition).map((name) => ({ name, label: regionLabel(name) })),
    };
    if (o.cache !== false) regionCache.set(key, listing, CACHE_TTL_MS);
    return listing;
  } catch (err) {
    o.signal?.throwIfAborted();
    throw lookupError(err, "listing the account's regions (ec2:DescribeRegions)", session);
  }
}

function regionError(region: string, err: unknown, timeoutMs: number, timedOut: boolean): RegionError {
  if (timedOut) return { region, code: "Timeout", message: `No answer within ${timeoutMs / 1000} s` };
  const f = awsErrorFacts(err);
  if (f.timedOut) return { region, code: "Timeout", message: `No answer within ${timeoutMs / 1000} s` };
  let message = f.message && f.message !== f.code ? f.message : f.code;
  if (/^(UnrecognizedClientException|InvalidClientTokenId|AuthFailure)$/.test(f.code)) {
    message = `${message} (is the region enabled for this account? Opt-in regions reject credentials until enabled)`;
  } else if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(f.code)) {
    message = `${message} (allow eks:ListClusters in this region)`;
  }
  return { region, code: f.code, message: message.slice(0, 500) };
}

/** Runs `fn` over `items` with at most `limit` at once, in order of the items. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

async function searchAllRegions(session: LookupSession, o: ClusterLookupOptions): Promise<ClusterListing> {
  const timeoutMs = o.regionTimeoutMs ?? DEFAULT_REGION_TIMEOUT_MS;
  // Credentials (and the role) once, up front: a bad key is one clear error, not one per region.
  if (session.resolveCredentials) {
    await session.resolveCredentials().catch((err: unknown) => {
      o.signal?.throwIfAborted();
      throw lookupError(err, "preparing the connector's credentials", session);
    });
  }
  let regions: string[];
  try {
    regions = (await listConnectorRegions(session, { signal: o.signal, cache: o.cache })).regions.map((r) => r.name);
  } catch (err) {
    // Without ec2:DescribeRegions, search the partition's known regions; disabled ones report why.
    const f = err instanceof AppError ? String(err.options.extra?.awsCode ?? "") : "";
    if (!/^(UnauthorizedOperation|AccessDenied|AccessDeniedException)$/.test(f)) throw err;
    regions = REGIONS.filter((r) => r.partition === session.partition).map((r) => r.code);
  }
  const found: ClusterListing["clusters"] = [];
  const regionErrors: RegionError[] = [];
  await eachLimited(regions, o.concurrency ?? DEFAULT_CONCURRENCY, async (region) => {
    o.signal?.throwIfAborted();
    const limit = AbortSignal.timeout(timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, limit]) : limit;
    try {
      const r = await abortable(listClusters(session.callOptions(region, { signal, callTimeoutMs: timeoutMs })), signal);
      for (const name of r.clusters) found.push({ value: `${region}/${name}`, name, region });
    } catch (err) {
      o.signal?.throwIfAborted();
      regionErrors.push(regionError(region, err, timeoutMs, limit.aborted));
    }
  });
  found.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  regionErrors.sort((a, b) => a.region.localeCompare(b.region));
  return { clusters: found, regionErrors, regionsSearched: regions.length };
}

async function searchOneRegion(session: LookupSession, region: string, o: ClusterLookupOptions): Promise<ClusterListing> {
  try {
    const r = await listClusters(session.callOptions(region, { signal: o.signal }));
    return { clusters: r.clusters.map((name) => ({ value: name, name, region })).sort((a, b) => a.name.localeCompare(b.name)), regionErrors: [], regionsSearched: 1 };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw lookupError(err, `listing EKS clusters in ${region} (eks:ListClusters)`, session);
  }
}

/**
 * With a region: that region's clusters (bare names). Without: every enabled region of the
 * connector's partition, values `region/cluster`.
 */
export async function listConnectorClusters(session: LookupSession, o: ClusterLookupOptions = {}): Promise<ClusterListing> {
  const key = cacheKey(session, `clusters:${o.region ?? "*"}`);
  const hit = o.cache === false ? undefined : clusterCache.get(key);
  if (hit) return hit;
  const listing = o.region ? await searchOneRegion(session, o.region, o) : await searchAllRegions(session, o);
  if (o.cache !== false) clusterCache.set(key, listing, listing.regionErrors.length ? PARTIAL_TTL_MS : CACHE_TTL_MS);
  return listing;
}

// ── For the routes ──────────────────────────────────────────────────────────────────────────

export async function regionsForConnector(scope: Scope, q: { connectorRef: string }, signal?: AbortSignal): Promise<RegionListing> {
  return listConnectorRegions(await openConnectorSession(scope, q.connectorRef), { signal });
}

export async function clustersForConnector(scope: Scope, q: ClusterListQuery, signal?: AbortSignal): Promise<ClusterListing> {
  const session = await openConnectorSession(scope, q.connectorRef);
  if (q.region && partitionOf(q.region) !== session.partition) {
    const message = `${q.region} is not in the connector's partition (${PARTITION_LABELS[session.partition]}); choose one of its regions or none`;
    throw new AppError("VALIDATION_FAILED", message, { fieldErrors: { region: [message] } });
  }
  return listConnectorClusters(session, { region: q.region, signal });
}
