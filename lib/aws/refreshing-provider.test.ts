// Unit: the memoizing credential provider shared by connector sessions (no network).
import { describe, expect, it } from "vitest";
import { REFRESH_BEFORE_MS, refreshingProvider } from "./refreshing-provider";

const creds = (n: number, expiration?: Date) => ({ accessKeyId: `AKIA${n}`, secretAccessKey: "s", expiration });

describe("refreshingProvider", () => {
  it("keeps credentials until shortly before they expire, then resolves again", async () => {
    let now = 1_000_000;
    let n = 0;
    const p = refreshingProvider(
      async () => creds(++n, new Date(now + 60 * 60_000)),
      () => now,
    );
    expect((await p()).accessKeyId).toBe("AKIA1");
    now += 60 * 60_000 - REFRESH_BEFORE_MS - 1;
    expect((await p()).accessKeyId).toBe("AKIA1");
    now += 1;
    expect((await p()).accessKeyId).toBe("AKIA2");
  });

  it("concurrent callers share one resolution; a failure is not kept", async () => {
    let n = 0;
    let fail = true;
    const p = refreshingProvider(async () => {
      n += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error("AccessDenied");
      return creds(n);
    });
    const results = await Promise.allSettled([p(), p(), p()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(n).toBe(1);
    fail = false;
    expect((await p()).accessKeyId).toBe("AKIA2");
    await p();
    expect(n).toBe(2);
  });
});
