import { describe, expect, it } from "vitest";
import { delegateStatus, selectorsMatch } from "./match";

describe("selectors", () => {
  it("match a delegate that has every one of them among its tags", () => {
    expect(selectorsMatch(["vpc-prod", "eu", "gpu"], ["eu", "vpc-prod"])).toBe(true);
    expect(selectorsMatch(["vpc-prod"], ["vpc-prod", "eu"])).toBe(false);
    expect(selectorsMatch(["VPC-prod"], ["vpc-prod"])).toBe(false);
  });
  it("none match every delegate, tagged or not", () => {
    expect(selectorsMatch([], [])).toBe(true);
    expect(selectorsMatch(["a"], [])).toBe(true);
  });
});

describe("a delegate's status", () => {
  const at = (s: number) => new Date(1_000_000 + s * 1000);
  const now = at(0).getTime();
  it("is connected up to three missed heartbeats, then disconnected", () => {
    expect(delegateStatus({ lastHeartbeatAt: at(-30), stoppedAt: null }, 10, now)).toBe("connected");
    expect(delegateStatus({ lastHeartbeatAt: at(-31), stoppedAt: null }, 10, now)).toBe("disconnected");
    expect(delegateStatus({ lastHeartbeatAt: at(-3), stoppedAt: null }, 1, now)).toBe("connected");
    expect(delegateStatus({ lastHeartbeatAt: at(-4), stoppedAt: null }, 1, now)).toBe("disconnected");
  });
  it("is stopped after a goodbye, until it beats again", () => {
    expect(delegateStatus({ lastHeartbeatAt: at(-1), stoppedAt: at(-1) }, 10, now)).toBe("stopped");
    expect(delegateStatus({ lastHeartbeatAt: at(-1), stoppedAt: at(-20) }, 10, now)).toBe("connected");
  });
});
