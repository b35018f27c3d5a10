// Fixed values, runtime inputs (<+input>…) and expressions (<+…>): pure functions shared by the
// browser (MultiTypeInput) and the server (schemas, resolve). No I/O, no server-only imports.
export type { FieldKind, FieldValue, ParseResult, RuntimeInput } from "./types";
export { QUOTE } from "./types";
export { kindOf, parseFieldValue } from "./parse";
export { fieldValueProblem, formatFieldValue, formatRuntimeInput, runtimeInputProblem } from "./format";
export { resolveRuntimeInput, type ResolveResult } from "./resolve";
export { matchesWhole, regexProblem } from "./rules";
export { describeRuntimeInput } from "./describe";
