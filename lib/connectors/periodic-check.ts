// Periodic connectivity checks, what both the browser and the server need to know (no zod here,
// so the wizard's Delegates step can read it without downloading the schemas).

/** Minutes between periodic checks that the wizard offers first. */
export const DEFAULT_CHECK_MINUTES = 10;
