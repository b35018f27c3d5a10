// /api/auth/*: sign in (password or SSO), sign out, sessions, change password, set password (public)
import { authRoutes } from "@/lib/api/auth-routes";

export const dynamic = "force-dynamic";
export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = authRoutes();
