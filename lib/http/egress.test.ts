// The egress policy: which addresses pass, numeric-host tricks, the allowlist, and pinning.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { addressAllowed, EgressError, parseEgressAllow, pinnedLookup, resolveEgress } from "./egress";

const ALLOWED_IN_TESTS = process.env.CONDUIT_EGRESS_ALLOW;
afterEach(() => {
  process.env.CONDUIT_EGRESS_ALLOW = ALLOWED_IN_TESTS;
  resetEnvCache();
});
const policy = (allow: string) => {
  process.env.CONDUIT_EGRESS_ALLOW = allow;
  resetEnvCache();
};

describe("addressAllowed", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",
    "2002:7f00:1::",
    "not-an-address",
  ])("refuses %s", (a) => expect(addressAllowed(a, [])).toBe(false));

  it.each(["8.8.8.8", "52.94.236.248", "2606:4700::1111"])("lets public %s through", (a) =>
    expect(addressAllowed(a, [])).toBe(true),
  );

  it("lets an allowlisted range through, and only that range", () => {
    const allow = parseEgressAllow("10.0.0.0/8, fd00::/8 192.168.5.5");
    expect(addressAllowed("10.200.1.1", allow)).toBe(true);
    expect(addressAllowed("fd12::5", allow)).toBe(true);
    expect(addressAllowed("192.168.5.5", allow)).toBe(true);
    expect(addressAllowed("192.168.5.6", allow)).toBe(false);
    expect(addressAllowed("127.0.0.1", allow)).toBe(false);
    // A mapped address is judged as the IPv4 address it is.
    expect(addressAllowed("::ffff:10.0.0.1", allow)).toBe(true);
  });

  it("refuses a malformed allowlist entry with its name", () => {
    expect(() => parseEgressAllow("10.0.0.0/8, intranet")).toThrow(/"intranet"/);
  });
});

describe("resolveEgress", () => {
  const refused = async (host: string) => {
    const e = await resolveEgress(new URL(`https://${host}/`).hostname).then(
      () => expect.fail(`${host} should be refused`),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(EgressError);
    expect((e as EgressError).kind).toBe("refused");
    expect((e as EgressError).message).toContain("not allowed by the egress policy");
  };

  it("refuses loopback in all its spellings, link-local and private names", async () => {
    policy("");
    for (const host of [
      "127.0.0.1",
      "localhost",
      "0x7f000001",
      "2130706433",
      "0177.0.0.1",
      "127.1",
      "[::1]",
      "[::ffff:127.0.0.1]",
      "169.254.169.254",
      "10.0.0.1",
    ])
      await refused(host);
  });

  it("a name that does not resolve is unreachable, not refused", async () => {
    const e = await resolveEgress("no-such-host.invalid").catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: "unreachable" });
  });

  it("with an allowlist the address is returned for pinning", async () => {
    policy("127.0.0.0/8");
    expect(await resolveEgress("127.0.0.1")).toEqual({ address: "127.0.0.1", family: 4 });
    const lookup = pinnedLookup({ address: "127.0.0.1", family: 4 });
    const got = await new Promise((resolve) => lookup("evil.example", {}, (_e, a, f) => resolve([a, f])));
    expect(got).toEqual(["127.0.0.1", 4]);
  });
});
