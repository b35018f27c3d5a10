// Live lookups for the definition form: the regions a connector can use, and its EKS clusters
// in one region or across every enabled region of its partition. Across regions the calls run
// in parallel (bounded), each region under its own time limit; a region that fails is reported
// beside the results and never fails the listing.
import "server-only";
import { describeRegions } from "@/lib/aws/ec2";
import { listClusters } from "@/lib/aws/eks";
import { diagnoseAws } from "@/lib/diagnosis/aws";
import { diagnosisError } from "@/lib/diagnosis/problem";
import { PARTITION_LABELS, REGIONS, partitionOf, regionLabel, type Partition } from "@/lib/aws/partitions";
import { openConnectorSession, type ConnectorSession } from "@/lib/connectors/session";
import { AppError } from "@/lib/http/errors";
import { ALL_REGIONS_LOOKUP_COST } from "@/lib/limits";
import type { Scope } from "@/lib/scope";
import type { ClusterListQuery, ClusterListing, RegionError, RegionListing } from "./schemas";
import { TtlCache } from "./ttl-cache";
import { abortable } from "@/lib/common/abortable";

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
  /** Regions listed at once when searching all of them. Default 20. */
  concurrency?: number;
  /** Time limit per region, retries included. Default 5 s. */
  regionTimeoutMs?: number;
  /** Default true; benchmarks and tests turn it off. */
  cache?: boolean;
}

// Every default-enabled commercial region (17) in one wave: with fewer, all-region discovery
// takes two or three round trips instead of one (see `npm run bench:clusters`).
export const DEFAULT_CONCURRENCY = 20;
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

/** A failure of the whole lookup (credentials, role, network) as a problem; region failures go to regionErrors instead. */
export function lookupError(err: unknown, what: string, session: Pick<LookupSession, "defaultRegion">): AppError {
  if (err instanceof AppError) return err;
  return diagnosisError(
    diagnoseAws(err, { action: "describe-regions", context: "lookup", doing: what, region: session.defaultRegion }),
  );
}

/** The regions the connector's account has enabled (ec2:DescribeRegions in its partition). */
export async function listConnectorRegions(
  session: LookupSession,
  o: { signal?: AbortSignal; cache?: boolean } = {},
): Promise<RegionListing> {
  const key = cacheKey(session, "regions");
  const hit = o.cache === false ? undefined : regionCache.get(key);
  if (hit) return hit;
  try {
    // The connector's own region is in its partition, so DescribeRegions answers for that partition.
    const r = await describeRegions(session.callOptions(session.defaultRegion, { signal: o.signal }));
    const listing: RegionListing = {
      partition: session.partition,
      regions: r.regions
        .filter((name) => partitionOf(name) === session.partition)
        .map((name) => ({ name, label: regionLabel(name) })),
    };
    if (o.cache !== false) regionCache.set(key, listing, CACHE_TTL_MS);
    return listing;
  } catch (err) {
    o.signal?.throwIfAborted();
    throw lookupError(err, "listing the account's regions (ec2:DescribeRegions)", session);
  }
}

function regionError(region: string, err: unknown, timeoutMs: number, timedOut: boolean): RegionError {
  const d = diagnoseAws(err, { action: "list-clusters", context: "lookup", region });
  if (timedOut || d.reason === "aws-timeout")
    return { region, code: "Timeout", message: `No answer within ${timeoutMs / 1000} s` };
  const code = String(d.facts?.awsCode ?? d.code);
  const said = d.detail.startsWith(`${code}: `) ? d.detail.slice(code.length + 2) : d.detail;
  const fixes = d.reason === "credentials-rejected" || d.reason === "access-denied";
  return { region, code, message: `${said}${fixes && d.fix ? ` (${d.fix})` : ""}`.slice(0, 500) };
}

/** At most `limit` tasks at once, started in the order they were queued. */
export function limiter(limit: number) {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    running -= 1;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // Counted when granted, synchronously: tasks queued in the same tick must see each other.
      const run = () => {
        running += 1;
        task().then(resolve, reject).finally(release);
      };
      if (running < limit) run();
      else queue.push(run);
    });
}

/**
 * Regions every account has enabled (launched before opt-in regions existed, March 2019). They
 * are searched while DescribeRegions is still answering, so a cold all-region search costs one
 * round trip, not two.
 */
const ALWAYS_ENABLED: Record<Partition, readonly string[]> = {
  aws: [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "sa-east-1",
  ],
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
};

type RegionOutcome = { ok: true; names: string[] } | { ok: false; error: RegionError };

/** The enabled regions (DescribeRegions), or without ec2:DescribeRegions the partition's known ones. */
async function regionsToSearch(
  session: LookupSession,
  o: ClusterLookupOptions & { signal: AbortSignal },
): Promise<string[]> {
  try {
    return (await listConnectorRegions(session, { signal: o.signal, cache: o.cache })).regions.map((r) => r.name);
  } catch (err) {
    // Disabled regions among the known ones then report why, each in regionErrors.
    const f = err instanceof AppError ? String(err.options.extra?.awsCode ?? "") : "";
    if (!/^(UnauthorizedOperation|AccessDenied|AccessDeniedException)$/.test(f)) throw err;
    return REGIONS.filter((r) => r.partition === session.partition).map((r) => r.code);
  }
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
  // Aborts every region still running when the search as a whole fails or the caller goes away.
  const all = new AbortController();
  const outer = o.signal ? AbortSignal.any([o.signal, all.signal]) : all.signal;
  const limit = limiter(o.concurrency ?? DEFAULT_CONCURRENCY);
  const started = new Map<string, { promise: Promise<RegionOutcome>; cancel: AbortController }>();
  const search = (region: string) => {
    if (started.has(region)) return;
    const cancel = new AbortController();
    const promise = limit(async (): Promise<RegionOutcome> => {
      const timer = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([outer, cancel.signal, timer]);
      try {
        signal.throwIfAborted();
        const r = await abortable(
          listClusters(session.callOptions(region, { signal, callTimeoutMs: timeoutMs })),
          signal,
        );
        return { ok: true, names: r.clusters };
      } catch (err) {
        return { ok: false, error: regionError(region, err, timeoutMs, timer.aborted) };
      }
    });
    started.set(region, { promise, cancel });
  };
  ALWAYS_ENABLED[session.partition].forEach(search);
  let regions: string[];
  try {
    regions = await regionsToSearch(session, { ...o, signal: outer });
  } catch (err) {
    all.abort(err);
    throw err;
  }
  regions.forEach(search);
  // A speculative region the account does not list (an emulator or a future partition change) is dropped.
  for (const [region, s] of started) if (!regions.includes(region)) s.cancel.abort();
  const outcomes = await Promise.all(
    regions.map(async (region) => ({ region, outcome: await started.get(region)!.promise })),
  );
  o.signal?.throwIfAborted();
  const found: ClusterListing["clusters"] = [];
  const regionErrors: RegionError[] = [];
  for (const { region, outcome } of outcomes) {
    if (outcome.ok) for (const name of outcome.names) found.push({ value: `${region}/${name}`, name, region });
    else regionErrors.push(outcome.error);
  }
  found.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  regionErrors.sort((a, b) => a.region.localeCompare(b.region));
  return { clusters: found, regionErrors, regionsSearched: regions.length };
}

async function searchOneRegion(
  session: LookupSession,
  region: string,
  o: ClusterLookupOptions,
): Promise<ClusterListing> {
  try {
    const r = await listClusters(session.callOptions(region, { signal: o.signal }));
    return {
      clusters: r.clusters.map((name) => ({ value: name, name, region })).sort((a, b) => a.name.localeCompare(b.name)),
      regionErrors: [],
      regionsSearched: 1,
    };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw lookupError(err, `listing EKS clusters in ${region} (eks:ListClusters)`, session);
  }
}

/**
 * With a region: that region's clusters (bare names). Without: every enabled region of the
 * connector's partition, values `region/cluster`.
 */
export async function listConnectorClusters(
  session: LookupSession,
  o: ClusterLookupOptions = {},
): Promise<ClusterListing> {
  const key = cacheKey(session, `clusters:${o.region ?? "*"}`);
  const hit = o.cache === false ? undefined : clusterCache.get(key);
  if (hit) return hit;
  const listing = o.region ? await searchOneRegion(session, o.region, o) : await searchAllRegions(session, o);
  if (o.cache !== false) clusterCache.set(key, listing, listing.regionErrors.length ? PARTIAL_TTL_MS : CACHE_TTL_MS);
  return listing;
}

// ── For the routes ──────────────────────────────────────────────────────────────────────────

export async function regionsForConnector(
  scope: Scope,
  q: { connectorRef: string },
  signal?: AbortSignal,
): Promise<RegionListing> {
  return listConnectorRegions(await openConnectorSession(scope, q.connectorRef), { signal });
}

/** What a cluster listing counts against the lookup limit: a search of every region counts more. */
export const clusterListCost = (q: Pick<ClusterListQuery, "region">) => (q.region ? 1 : ALL_REGIONS_LOOKUP_COST);

export async function clustersForConnector(
  scope: Scope,
  q: ClusterListQuery,
  signal?: AbortSignal,
): Promise<ClusterListing> {
  const session = await openConnectorSession(scope, q.connectorRef);
  checkPartition(q.region, session.partition);
  return listConnectorClusters(session, { region: q.region, signal, cache: q.refresh !== "1" });
}

/** A region outside the connector's partition is refused, naming the field. */
export function checkPartition(region: string | undefined, partition: Partition) {
  if (region && partitionOf(region) !== partition) {
    const message = `${region} is not in the connector's partition (${PARTITION_LABELS[partition]}); choose one of its regions or none`;
    throw new AppError("VALIDATION_FAILED", message, { fieldErrors: { region: [message] } });
  }
}
