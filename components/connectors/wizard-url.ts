// The wizard's step lives in the URL (`?step=credentials`), so browser Back/Forward move between
// steps and a reload opens the step the user was on. Pure helpers; the wizard does the routing.
import { TEST_STEP, WIZARD_STEPS } from "./wizard-model";

/** The step a `?step=` value names, or undefined for none or an unknown one. */
export function stepIndexOf(param: string | null | undefined): number | undefined {
  if (!param) return undefined;
  const i = WIZARD_STEPS.findIndex((s) => s.id === param);
  return i === -1 ? undefined : i;
}

/**
 * The step to show for a requested one: never past the furthest step the user reached, and the
 * test only once the connector is saved (an edit starts saved).
 */
export function allowedStep(requested: number | undefined, reached: number, saved: boolean): number {
  const furthest = saved ? TEST_STEP : Math.min(reached, TEST_STEP - 1);
  return Math.max(0, Math.min(requested ?? 0, furthest));
}

/** `pathname?…` with `step` set to step `i` and every other parameter (the scope) kept. */
export function withStep(pathname: string, search: URLSearchParams | string, i: number): string {
  const params = new URLSearchParams(search);
  params.set("step", WIZARD_STEPS[i]!.id);
  return `${pathname}?${params.toString()}`;
}
