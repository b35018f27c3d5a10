// lib/scope: the scope vocabulary (a leaf: it imports only lib/http/errors).
export * from "./types";
export * from "./keys";
export * from "./refs";
export * from "./project";
