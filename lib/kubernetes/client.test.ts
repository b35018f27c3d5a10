// The Kubernetes client's failure kinds against real sockets: refused, silent, bad CA data,
// plain http, a caller's abort, and an HTTPS server that is not the cluster.
import { createServer as createHttpsServer } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTestCa } from "@/e2e/fixtures/fake-kubernetes";
import { generateServerCert } from "@/e2e/fixtures/fake-kubernetes/certs";
import { caPem, kubeGet, KubeError } from "./client";

let caData: string;
let silentUrl: string;
let closeSilent: () => Promise<void>;
let teapotUrl: string;
let closeTeapot: () => Promise<void>;

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

describe("kubeGet failures", () => {
  it("a refused connection is unreachable", async () => {
    const e = await kubeError(kubeGet("https://127.0.0.1:1", caData, "t", "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "unreachable", code: "ECONNREFUSED" });
  });

  it("a server that never answers is unreachable after the time limit", async () => {
    const e = await kubeError(kubeGet(silentUrl, caData, "t", "/version", { timeoutMs: 300 }));
    expect(e).toMatchObject({ kind: "unreachable", code: "ETIMEDOUT" });
    expect(e.message).toContain("did not answer within 0.3 s");
  });

  it("the caller's abort is passed through, not dressed up as a cluster problem", async () => {
    const ctl = new AbortController();
    const p = kubeGet(silentUrl, caData, "t", "/version", { timeoutMs: 5_000, signal: ctl.signal });
    setTimeout(() => ctl.abort(new Error("user left")), 50);
    await expect(p).rejects.toThrow("user left");
  });

  it("CA data that is not a base64 PEM is a TLS problem found before connecting", async () => {
    expect(() => caPem(Buffer.from("hello").toString("base64"))).toThrow(KubeError);
    const e = await kubeError(kubeGet(teapotUrl, "bm90IGEgY2VydA==", "t", "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "tls", code: "BAD_CA_DATA" });
  });

  it("only https endpoints are accepted", async () => {
    const e = await kubeError(kubeGet("http://127.0.0.1:1", caData, "t", "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "unreachable", code: "BAD_ENDPOINT" });
  });

  it("another CA fails TLS verification", async () => {
    const other = await generateTestCa("other");
    const e = await kubeError(kubeGet(teapotUrl, other.caData, "t", "/version", { timeoutMs: 2_000 }));
    expect(e.kind).toBe("tls");
    expect(e.code).toMatch(/CERT|UNABLE|SIGNATURE/);
  });

  it("other HTTP errors carry the status and the Status message; non-JSON bodies are reported", async () => {
    const e = await kubeError(kubeGet(teapotUrl, caData, "t", "/version", { timeoutMs: 2_000 }));
    expect(e).toMatchObject({ kind: "http", status: 418, code: "Teapot" });
    expect(e.message).toContain("short and stout");
    const t = await kubeError(kubeGet(teapotUrl, caData, "t", "/text", { timeoutMs: 2_000 }));
    expect(t).toMatchObject({ kind: "http", status: 200 });
  });
});
