// lib/access: roles, permissions and the checks on them (pure; see permissions.ts).
export * from "./permissions";
export * from "./require";
