import { describe, expect, it } from "vitest";
import { queueFor } from "./delegated";

describe("delegate task queues", () => {
  it("one per set of selectors, whatever their order or repeats", () => {
    expect(queueFor([])).toBe("delegate-tasks.any");
    expect(queueFor(["b", "a"])).toBe(queueFor(["a", "b", "a"]));
    expect(queueFor(["a"])).not.toBe(queueFor(["a", "b"]));
    expect(queueFor(["vpc-prod"])).toMatch(/^delegate-tasks\.[0-9a-f]{20}$/);
  });
});
