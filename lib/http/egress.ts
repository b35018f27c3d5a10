// The egress policy for every outbound request whose host comes from stored data (a GitOps
// cluster's masterUrl, an endpoint DescribeCluster returned): resolve the name, check every
// address, and pin the connection to the checked one so DNS cannot answer differently later.
// Only globally routable unicast addresses pass; loopback, link-local (169.254.169.254),
// RFC 1918, CGNAT, IPv6 loopback/ULA, IPv4-mapped and the translation prefixes (NAT64, 6to4,
// Teredo) are refused unless CONDUIT_EGRESS_ALLOW lists a CIDR that contains them.
import "server-only";
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

export type EgressFailure = "refused" | "unreachable";

/** Why a host may not be contacted; the message never depends on the port. */
export class EgressError extends Error {
  constructor(
    readonly kind: EgressFailure,
    message: string,
  ) {
    super(message);
    this.name = "EgressError";
  }
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Comma- or space-separated CIDRs (a bare address is its own /32 or /128); throws on a bad one. */
export function parseEgressAllow(text: string): Cidr[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((item) => {
      try {
        if (item.includes("/")) return ipaddr.parseCIDR(item);
        const a = ipaddr.parse(item);
        return [a, a.kind() === "ipv4" ? 32 : 128] as Cidr;
      } catch {
        throw new Error(`CONDUIT_EGRESS_ALLOW: "${item}" is not an IP address or CIDR (e.g. 10.0.0.0/8, fd00::/8)`);
      }
    });
}

let cached: { text: string; cidrs: Cidr[] } | undefined;
function allowList(): Cidr[] {
  const text = env().CONDUIT_EGRESS_ALLOW;
  if (cached?.text !== text) cached = { text, cidrs: parseEgressAllow(text) };
  return cached.cidrs;
}

/** Whether the policy lets Conduit connect to `address` (an IP literal). */
export function addressAllowed(address: string, allow: Cidr[] = allowList()): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped address is judged as what it is.
  const ip = ipaddr.process(address);
  if (allow.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return true;
  return ip.range() === "unicast";
}

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

const refused = (host: string) =>
  new EgressError(
    "refused",
    `${host} is not allowed by the egress policy: Conduit connects only to public addresses unless an operator lists the range in CONDUIT_EGRESS_ALLOW.`,
  );

/**
 * Resolves `hostname` (a URL's hostname: IPv6 in brackets, IPv4 already normalised by the URL
 * parser, so 0x7f000001 arrives as 127.0.0.1) and returns the address to connect to. Every
 * address the name resolves to must be allowed, so a name with one public and one private
 * address is refused rather than raced.
 */
export async function resolveEgress(hostname: string): Promise<PinnedAddress> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: PinnedAddress[];
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) as 4 | 6 }];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => ({
        address: a.address,
        family: a.family as 4 | 6,
      }));
    } catch {
      throw new EgressError("unreachable", `${hostname} is unreachable: the name does not resolve.`);
    }
  }
  if (!addresses.length) throw new EgressError("unreachable", `${hostname} is unreachable: the name does not resolve.`);
  const allow = allowList();
  if (!addresses.every((a) => addressAllowed(a.address, allow))) throw refused(hostname);
  return addresses[0]!;
}

/** A `lookup` for http(s).request that always answers the checked address. */
export function pinnedLookup(pinned: PinnedAddress): net.LookupFunction {
  return (_host, options, callback) => {
    if ((options as dns.LookupAllOptions).all)
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}
