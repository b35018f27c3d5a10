// The Kubernetes client against real sockets: the egress policy, failures that read the same
// whatever the port (refused, silent, another CA), bad CA data, plain http, a caller's abort,
// and a token that can only go where it was bound.
import { createServer as createHttpsServer } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { generateTestCa } from "@/e2e/fixtures/fake-kubernetes";
import { generateServerCert } from "@/e2e/fixtures/fake-kubernetes/certs";
import { bindBearer, caPem, kubeGet, KubeError } from "./client";

let caData: string;
let silentUrl: string;
let closeSilent: () => Promise<void>;
let teapotUrl: string;
let closeTeapot: () => Promise<void>;
let seen: { authorization?: string }[] = [];

const at = (endpoint: string, ca = caData, token = "t") => bindBearer(token, { endpoint, caData: ca });

async function kubeError(p: Promise<unknown>): Promise<KubeError> {
  const e = await p.then(
    () => expect.fail("expected a KubeError"),
    (err: unknown) => err,
  );
  expect(e, String(e)).toBeInstanceOf(KubeError);
  return e as KubeError;
}

beforeAll(async () => {
  const ca = await generateTestCa();
  caData = ca.caData;
  // Accepts TCP connections and never says a word (a black-holed API server).
  const sockets: Socket[] = [];
  const silent = createTcpServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  silentUrl = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  closeSilent = () =>
    new Promise((r) => {
      sockets.forEach((s) => s.destroy());
      silent.close(() => r());
    });
  // A proper HTTPS server under the CA that answers 418 with a Status and 200 with non-JSON.
  const cert = await generateServerCert(ca);
  const teapot = createHttpsServer(cert, (req, res) => {
    seen.push({ authorization: req.headers.authorization });
    if (req.url === "/text") return res.writeHead(200).end("<html>hello</html>");
    res
      .writeHead(418, { "content-type": "application/json" })
      .end(JSON.stringify({ kind: "Status", message: "short and stout", reason: "Teapot", code: 418 }));
  });
  await new Promise<void>((r) => teapot.listen(0, "127.0.0.1", r));
  teapotUrl = `https://127.0.0.1:${(teapot.address() as AddressInfo).port}`;
  closeTeapot = () =>
    new Promise((r) => {
      teapot.close(() => r());
      teapot.closeAllConnections();
    });
});
afterAll(async () => {
  await closeSilent();
  await closeTeapot();
});

const ALLOWED_IN_TESTS = process.env.CONDUIT_EGRESS_ALLOW;
afterEach(() => {
  process.env.CONDUIT_EGRESS_ALLOW = ALLOWED_IN_TESTS;
  resetEnvCache();
});

describe("kubeGet failures", () => {
  it("a refused connection is unreachable", async () => {
    const e = await kubeError(kubeGet(at("https://127.0.0.1:1"), "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "unreachable", code: "ECONNREFUSED" });
  });

  it("a server that never answers is unreachable after the time limit", async () => {
    const e = await kubeError(kubeGet(at(silentUrl), "/version", { timeoutMs: 300 }));
    expect(e).toMatchObject({ kind: "unreachable", code: "ETIMEDOUT" });
  });

  it("refused, silent and foreign-CA endpoints give one and the same message (no port scanning)", async () => {
    const other = await generateTestCa("other");
    const messages = await Promise.all([
      kubeError(kubeGet(at("https://127.0.0.1:1"), "/version", { timeoutMs: 2_000 })),
      kubeError(kubeGet(at(silentUrl), "/version", { timeoutMs: 300 })),
      kubeError(kubeGet(at(teapotUrl, other.caData), "/version", { timeoutMs: 2_000 })),
    ]);
    expect(new Set(messages.map((e) => `${e.kind}: ${e.message}`))).toEqual(
      new Set([
        "unreachable: 127.0.0.1 is unreachable: no TLS connection verified by the cluster's certificate authority could be made.",
      ]),
    );
  });

  it("the caller's abort is passed through, not dressed up as a cluster problem", async () => {
    const ctl = new AbortController();
    const p = kubeGet(at(silentUrl), "/version", { timeoutMs: 5_000, signal: ctl.signal });
    setTimeout(() => ctl.abort(new Error("user left")), 50);
    await expect(p).rejects.toThrow("user left");
  });

  it("CA data that is not a base64 PEM is found before connecting", async () => {
    expect(() => caPem(Buffer.from("hello").toString("base64"))).toThrow(KubeError);
    const e = await kubeError(kubeGet(at(teapotUrl, "bm90IGEgY2VydA=="), "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "config", code: "BAD_CA_DATA" });
  });

  it("only https endpoints without credentials in the URL are accepted", async () => {
    for (const url of ["http://127.0.0.1:1", "https://user:pw@127.0.0.1:1"]) {
      const e = await kubeError(kubeGet(at(url), "/version", { timeoutMs: 2_000 }));
      expect(e).toMatchObject({ kind: "config", code: "BAD_ENDPOINT" });
    }
  });

  it("another CA fails verification and the server's words are not passed on", async () => {
    const other = await generateTestCa("other");
    const e = await kubeError(kubeGet(at(teapotUrl, other.caData), "/version", { timeoutMs: 2_000 }));
    expect(e.kind).toBe("unreachable");
    expect(e.code).toMatch(/CERT|UNABLE|SIGNATURE/);
    expect(e.message).not.toContain("stout");
  });

  it("other HTTP errors carry the status and the Status message; non-JSON bodies are reported", async () => {
    const e = await kubeError(kubeGet(at(teapotUrl), "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "http", status: 418, code: "Teapot" });
    expect(e.message).toContain("short and stout");
    const t = await kubeError(kubeGet(at(teapotUrl), "/text", { timeoutMs: 2_000 }));
    expect(t).toMatchObject({ kind: "http", status: 200 });
  });
});

describe("egress policy and bound tokens", () => {
  it("a loopback endpoint is refused without the allowlist, before any connection, and reached with it", async () => {
    process.env.CONDUIT_EGRESS_ALLOW = "";
    resetEnvCache();
    seen = [];
    for (const url of [
      teapotUrl,
      teapotUrl.replace("127.0.0.1", "localhost"),
      teapotUrl.replace("127.0.0.1", "0x7f000001"),
    ]) {
      const e = await kubeError(kubeGet(at(url), "/version", { timeoutMs: 2_000 }));
      expect(e.kind, url).toBe("refused");
      expect(e.message).toContain("not allowed by the egress policy");
    }
    expect(seen).toEqual([]);
    process.env.CONDUIT_EGRESS_ALLOW = "127.0.0.0/8";
    resetEnvCache();
    const ok = await kubeError(kubeGet(at(teapotUrl, caData, "bound-value"), "/version", { timeoutMs: 2_000 }));
    expect(ok.status).toBe(418);
    expect(seen).toEqual([{ authorization: "Bearer bound-value" }]);
  });

  it("a bound token shows its endpoint, never its value", () => {
    const token = at(teapotUrl, caData, "s3cr3t-value");
    for (const shown of [JSON.stringify({ token }), String(token), inspect(token), inspect({ token })])
      expect(shown).not.toContain("s3cr3t-value");
    expect(Object.values(token)).not.toContain("s3cr3t-value");
  });
});
