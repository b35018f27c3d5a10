import { describe, expect, it } from "vitest";
import { TEST_STEP } from "./wizard-model";
import { allowedStep, stepIndexOf, withStep } from "./wizard-url";

describe("the wizard step in the URL", () => {
  it("reads a step by its id", () => {
    expect(stepIndexOf("overview")).toBe(0);
    expect(stepIndexOf("credentials")).toBe(1);
    expect(stepIndexOf("test")).toBe(TEST_STEP);
    expect(stepIndexOf(null)).toBeUndefined();
    expect(stepIndexOf("nowhere")).toBeUndefined();
  });

  it("never opens a step the user has not reached, nor the test before saving", () => {
    expect(allowedStep(undefined, 3, false)).toBe(0);
    expect(allowedStep(2, 1, false)).toBe(1);
    expect(allowedStep(2, 3, false)).toBe(2);
    expect(allowedStep(TEST_STEP, TEST_STEP, false)).toBe(TEST_STEP - 1);
    expect(allowedStep(TEST_STEP, 0, true)).toBe(TEST_STEP);
  });

  it("sets the step and keeps the scope", () => {
    expect(withStep("/connectors/new", "org=default&project=web", 1)).toBe(
      "/connectors/new?org=default&project=web&step=credentials",
    );
    expect(withStep("/connectors/new", new URLSearchParams("step=credentials&org=a"), 4)).toBe(
      "/connectors/new?step=delegates&org=a",
    );
  });
});
