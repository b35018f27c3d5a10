// Any /api path no route serves: 404 problem+json for every method (a route that matches wins).
import { unknownPath } from "@/lib/api/methods";

export const dynamic = "force-dynamic";
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = unknownPath();
