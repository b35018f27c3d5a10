// EKS tokens: the shape aws-iam-authenticator produces, the endpoint from the SDK's own
// resolution, and (integration) the emulator's STS accepting the presigned URL.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator } from "@/e2e/fixtures/aws-emulator";
import { decodeEksToken, eksToken, EKS_TOKEN_PREFIX } from "./eks-token";

const ENDPOINT_VARS = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS"] as const;
const saved: Record<string, string | undefined> = {};
const creds = {
  accessKeyId: "AKIAEXAMPLEEXAMPLE01",
  secretAccessKey: "secret/with+chars",
  sessionToken: "tok/en+with=chars",
};
const opts = (region: string) => ({ region, credentials: creds, callTimeoutMs: 2_000 });

beforeEach(() => {
  for (const k of ENDPOINT_VARS) {
    saved[k] = process.env[k];
    delete process.env[k];
  }
});
afterEach(() => {
  for (const k of ENDPOINT_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("eksToken (no network)", () => {
  it("is k8s-aws-v1. + unpadded base64url of a presigned regional GetCallerIdentity URL", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const { token, expiresAt } = await eksToken(opts("eu-west-1"), "prod-cluster", { signingDate: now });
    expect(token.startsWith(EKS_TOKEN_PREFIX)).toBe(true);
    expect(token.slice(EKS_TOKEN_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/); // no padding, URL-safe
    expect(expiresAt.toISOString()).toBe("2026-03-01T10:14:00.000Z");

    const url = decodeEksToken(token)!;
    expect(url.protocol).toBe("https:");
    expect(url.host).toBe("sts.eu-west-1.amazonaws.com");
    const q = url.searchParams;
    expect(q.get("Action")).toBe("GetCallerIdentity");
    expect(q.get("Version")).toBe("2011-06-15");
    expect(q.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
    expect(q.get("X-Amz-Expires")).toBe("60");
    expect(q.get("X-Amz-Date")).toBe("20260301T100000Z");
    expect(q.get("X-Amz-Credential")).toBe(`${creds.accessKeyId}/20260301/eu-west-1/sts/aws4_request`);
    expect(q.get("X-Amz-SignedHeaders")!.split(";")).toEqual(["host", "x-k8s-aws-id"]);
    expect(q.get("X-Amz-Security-Token")).toBe(creds.sessionToken);
    expect(q.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    // The cluster name is a signed header, never part of the URL.
    expect(url.toString()).not.toContain("prod-cluster");
    expect(url.toString()).not.toContain(creds.secretAccessKey);
  });

  it("follows the partition: GovCloud signs for its own regional STS", async () => {
    const url = decodeEksToken((await eksToken(opts("us-gov-west-1"), "c")).token)!;
    expect(url.host).toBe("sts.us-gov-west-1.amazonaws.com");
    expect(url.searchParams.get("X-Amz-Credential")).toContain("/us-gov-west-1/sts/aws4_request");
  });

  it("honours AWS_ENDPOINT_URL_STS like every other SDK call", async () => {
    process.env.AWS_ENDPOINT_URL_STS = "http://127.0.0.1:4599";
    const url = decodeEksToken((await eksToken(opts("us-east-1"), "c")).token)!;
    expect(url.origin).toBe("http://127.0.0.1:4599");
  });

  it("signs a different cluster name into a different signature", async () => {
    const at = new Date();
    const a = decodeEksToken((await eksToken(opts("us-east-1"), "a", { signingDate: at })).token)!;
    const b = decodeEksToken((await eksToken(opts("us-east-1"), "b", { signingDate: at })).token)!;
    expect(a.searchParams.get("X-Amz-Signature")).not.toBe(b.searchParams.get("X-Amz-Signature"));
  });

  it("rejects what is not a token", () => {
    expect(decodeEksToken("Bearer xyz")).toBeNull();
    expect(decodeEksToken(`${EKS_TOKEN_PREFIX}%%%`)).toBeNull();
  });
});

describe("eksToken against the emulator's STS", () => {
  let emu: AwsEmulator;
  beforeAll(async () => {
    emu = await startAwsEmulator();
  });
  afterAll(() => emu.close());

  const replay = (token: string, cluster: string) =>
    fetch(decodeEksToken(token)!, { headers: { "x-k8s-aws-id": cluster } });

  it("STS accepts the presigned URL with the cluster header and names the caller", async () => {
    process.env.AWS_ENDPOINT_URL_STS = emu.url;
    const u = emu.addUser({ name: "token-user", accountId: "111122223333", allow: [] });
    const { token } = await eksToken({ region: "us-east-1", credentials: u, callTimeoutMs: 2_000 }, "prod");
    const res = await replay(token, "prod");
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect(body).toContain(`<Arn>${u.arn}</Arn>`);
  });

  it("STS refuses the URL replayed with another cluster's name", async () => {
    process.env.AWS_ENDPOINT_URL_STS = emu.url;
    const u = emu.addUser({ name: "token-user-2", accountId: "111122223333", allow: [] });
    const { token } = await eksToken({ region: "us-east-1", credentials: u, callTimeoutMs: 2_000 }, "prod");
    const res = await replay(token, "staging");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("SignatureDoesNotMatch");
  });

  it("works with the temporary credentials of an assumed role", async () => {
    process.env.AWS_ENDPOINT_URL_STS = emu.url;
    const u = emu.addUser({ name: "token-user-3", accountId: "111122223333", allow: [] });
    const role = emu.addRole({
      name: "deployer",
      accountId: "111122223333",
      trust: { principals: [u.arn] },
      allow: [],
    });
    const { assumeRole } = await import("./sts");
    const t = await assumeRole(
      { region: "us-east-1", credentials: u, callTimeoutMs: 2_000 },
      { roleArn: role.arn, sessionName: "sess" },
    );
    const { token } = await eksToken({ region: "us-east-1", credentials: t.credentials, callTimeoutMs: 2_000 }, "prod");
    const res = await replay(token, "prod");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("assumed-role/deployer/sess");
  });
});
