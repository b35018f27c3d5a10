import { describe, expect, it } from "vitest";
import {
  RETRY_CANNOT_HELP_CODES,
  SDK_MAX_ATTEMPTS,
  THROTTLING_ERROR_CODES,
  THROTTLING_HTTP_STATUSES,
  TRANSIENT_ERROR_CODES,
  TRANSIENT_HTTP_STATUSES,
  TRANSIENT_NETWORK_CODES,
  backoffDelay,
  classifyError,
  delayBounds,
  delaySchedule,
  maxAttempts,
  sdkDefaultStrategy,
  type BackoffStrategy,
} from "./backoff";

/** Small seeded PRNG so jittered delays are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const constant = (v: number) => () => v;

const fixed: BackoffStrategy = { type: "FixedDelayBackoffStrategy", spec: { fixedBackoff: 250, retryCount: 4 } };
const equal: BackoffStrategy = {
  type: "EqualJitterBackoffStrategy",
  spec: { baseDelay: 100, maxBackoffTime: 1000, retryCount: 6 },
};
const full: BackoffStrategy = {
  type: "FullJitterBackoffStrategy",
  spec: { baseDelay: 100, maxBackoffTime: 1000, retryCount: 6 },
};

describe("classifyError", () => {
  it.each(THROTTLING_ERROR_CODES)("%s is throttling", (code) => {
    expect(classifyError({ code })).toBe("throttling");
  });
  it.each(TRANSIENT_ERROR_CODES)("%s is transient", (code) => {
    expect(classifyError({ code })).toBe("transient");
  });
  it.each(TRANSIENT_NETWORK_CODES)("network %s is transient", (networkCode) => {
    expect(classifyError({ networkCode })).toBe("transient");
    expect(classifyError({ code: networkCode })).toBe("transient");
  });
  it("classifies HTTP statuses", () => {
    for (const httpStatus of THROTTLING_HTTP_STATUSES) expect(classifyError({ httpStatus })).toBe("throttling");
    for (const httpStatus of TRANSIENT_HTTP_STATUSES) expect(classifyError({ httpStatus })).toBe("transient");
    for (const httpStatus of [400, 403, 404, 501]) expect(classifyError({ httpStatus })).toBe("non-retryable");
  });
  it("lets throttling win over a transient status", () => {
    expect(classifyError({ code: "SlowDown", httpStatus: 503 })).toBe("throttling");
    expect(classifyError({ code: "ServiceUnavailable", httpStatus: 503 })).toBe("transient");
  });
  it("treats anything else as non-retryable", () => {
    expect(classifyError({})).toBe("non-retryable");
    expect(classifyError({ code: "AccessDenied", httpStatus: 403 })).toBe("non-retryable");
    expect(classifyError({ code: "InvalidClientTokenId" })).toBe("non-retryable");
    expect(classifyError({ code: "throttling" })).toBe("non-retryable"); // codes are case-sensitive
  });
  it("marks wrong-secret codes as retryable yet futile", () => {
    for (const code of RETRY_CANNOT_HELP_CODES) expect(classifyError({ code })).toBe("transient");
  });
});

describe("backoffDelay", () => {
  it("fixed: always the fixed delay", () => {
    for (const attempt of [0, 1, 5, 29]) expect(backoffDelay(fixed, attempt, constant(0.7))).toBe(250);
  });

  it("equal jitter: v/2 + random·v/2 with v = min(max, base·2^attempt)", () => {
    expect(backoffDelay(equal, 0, constant(0))).toBe(50);
    expect(backoffDelay(equal, 0, constant(0.5))).toBe(75);
    expect(backoffDelay(equal, 0, constant(0.999999))).toBe(99);
    expect(backoffDelay(equal, 3, constant(0.5))).toBe(600); // v = 800
    expect(backoffDelay(equal, 4, constant(0.5))).toBe(750); // v capped at 1000
  });

  it("full jitter: random·min(max, base·2^attempt)", () => {
    expect(backoffDelay(full, 0, constant(0))).toBe(0);
    expect(backoffDelay(full, 2, constant(0.25))).toBe(100); // v = 400
    expect(backoffDelay(full, 10, constant(0.5))).toBe(500); // v capped at 1000
  });

  it("SDK default: full jitter from 100 ms for transient, equal jitter from 500 ms for throttling", () => {
    expect(backoffDelay(undefined, 0, constant(0.5))).toBe(50);
    expect(backoffDelay(null, 1, constant(0.5), "transient")).toBe(100);
    expect(backoffDelay(undefined, 0, constant(0), "throttling")).toBe(250);
    expect(backoffDelay(undefined, 1, constant(0.5), "throttling")).toBe(750);
    expect(backoffDelay(undefined, 20, constant(0.999999), "throttling")).toBe(19999); // 20 s cap
    expect(sdkDefaultStrategy("transient").spec.retryCount + 1).toBe(SDK_MAX_ATTEMPTS);
  });

  it("stays finite for huge attempts and refuses bad ones", () => {
    expect(backoffDelay({ ...full, spec: { ...full.spec, maxBackoffTime: 600_000 } }, 5000, constant(0.5))).toBe(
      300_000,
    );
    expect(() => backoffDelay(full, -1)).toThrow(RangeError);
    expect(() => backoffDelay(full, 1.5)).toThrow(RangeError);
  });

  it("stays within bounds for seeded randomness, for every strategy", () => {
    const rnd = mulberry32(1234);
    for (const s of [fixed, equal, full, undefined]) {
      for (const errorClass of ["transient", "throttling"] as const) {
        for (let attempt = 0; attempt < 12; attempt++) {
          const { minMs, maxMs } = delayBounds(s, attempt, errorClass);
          for (let i = 0; i < 200; i++) {
            const d = backoffDelay(s, attempt, rnd, errorClass);
            expect(Number.isInteger(d)).toBe(true);
            expect(d).toBeGreaterThanOrEqual(minMs);
            expect(d).toBeLessThanOrEqual(maxMs);
          }
        }
      }
    }
  });

  it("gives exact values for a fixed seed", () => {
    const seq = (s: BackoffStrategy | undefined, errorClass: "transient" | "throttling" = "transient") => {
      const rnd = mulberry32(42);
      return [0, 1, 2, 3, 4].map((a) => backoffDelay(s, a, rnd, errorClass));
    };
    const r = mulberry32(42);
    const draws = [0, 1, 2, 3, 4].map(() => r());
    // Recompute the formulas by hand from the same draws.
    const v = [100, 200, 400, 800, 1000];
    expect(seq(equal)).toEqual(draws.map((x, i) => Math.floor(v[i]! / 2 + x * (v[i]! / 2))));
    expect(seq(full)).toEqual(draws.map((x, i) => Math.floor(x * v[i]!)));
    expect(seq(fixed)).toEqual([250, 250, 250, 250, 250]);
    // Locked values: a change here changes what users see in the schedule preview.
    expect(draws[0]).toBeCloseTo(0.6011037519, 9);
    expect(seq(equal)).toEqual([80, 144, 370, 667, 587]);
    expect(seq(undefined, "throttling")).toEqual([400, 724, 1852, 3339, 4699]);
  });
});

describe("delaySchedule / maxAttempts", () => {
  it("has one row per retry with bounds and a sample inside them", () => {
    const rows = delaySchedule(equal, 6, mulberry32(7));
    expect(rows.map((r) => r.attempt)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.map((r) => [r.minMs, r.maxMs])).toEqual([
      [50, 100],
      [100, 200],
      [200, 400],
      [400, 800],
      [500, 1000],
      [500, 1000],
    ]);
    for (const r of rows) expect(r.sampleMs).toBeGreaterThanOrEqual(r.minMs);
    for (const r of rows) expect(r.sampleMs).toBeLessThanOrEqual(r.maxMs);
    expect(delaySchedule(equal, 6, mulberry32(7))).toEqual(rows);
  });

  it("defaults the row count to the strategy's retries (SDK default: 2)", () => {
    expect(delaySchedule(fixed).map((r) => r.sampleMs)).toEqual([250, 250, 250, 250]);
    expect(delaySchedule(undefined, undefined, constant(0.5)).map((r) => [r.minMs, r.maxMs, r.sampleMs])).toEqual([
      [0, 100, 50],
      [0, 200, 100],
    ]);
    expect(delaySchedule(full, 0)).toEqual([]);
  });

  it("counts attempts as retries + 1", () => {
    expect(maxAttempts(fixed)).toBe(5);
    expect(maxAttempts(undefined)).toBe(3);
  });
});
