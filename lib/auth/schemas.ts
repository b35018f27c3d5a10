// Identity shapes shared by the server and the browser: inputs (zod) and the DTOs routes return.
import { z } from "zod";
import { roleIds } from "@/lib/access";
import { identifierSchema, nameSchema } from "@/lib/common/schemas";

export const passwordSchema = z.string().min(12, "At least 12 characters").max(256, "At most 256 characters");

export const emailSchema = z.string().trim().toLowerCase().email("Enter an email address").max(254);

export const setupInputSchema = z.object({
  token: z.string().min(16).max(128),
  name: z.string().trim().min(1, "Required").max(128),
  email: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const userCreateSchema = z.object({
  name: z.string().trim().min(1, "Required").max(128),
  email: emailSchema,
});

export const userUpdateSchema = z.object({ disabled: z.boolean() });

export const principalRefSchema = z.object({
  kind: z.enum(["user", "serviceAccount"]),
  id: z.string().min(1).max(64),
});

export const roleBindingCreateSchema = z.object({
  role: z.enum(roleIds),
  principal: principalRefSchema,
});
export type RoleBindingCreate = z.infer<typeof roleBindingCreateSchema>;

export const serviceAccountCreateSchema = z.object({
  identifier: identifierSchema,
  name: nameSchema,
  description: z.string().max(1024).default(""),
});

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, "Required").max(128),
  /** Days until the token stops working; none means it lasts until revoked. */
  expiresInDays: z.number().int().min(1).max(366).nullable().default(90),
});
export type TokenCreate = z.infer<typeof tokenCreateSchema>;

export const idParamsSchema = z.object({ id: z.string().min(1).max(64) });

export interface UserDto {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
  hasPassword: boolean;
  sso: boolean;
  createdAt: string;
}

export interface ServiceAccountDto {
  id: string;
  identifier: string;
  name: string;
  description: string;
  orgIdentifier: string;
  projectIdentifier: string;
  version: number;
  createdAt: string;
}

export interface RoleBindingDto {
  id: string;
  role: (typeof roleIds)[number];
  roleName: string;
  orgIdentifier: string;
  projectIdentifier: string;
  principal: { kind: "user" | "serviceAccount"; id: string; name: string; detail: string };
  createdAt: string;
  createdBy: string;
}

export interface TokenDto {
  id: string;
  name: string;
  start: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  status: "active" | "expired" | "revoked";
}

/** The caller, as the console shows it: who, and what it may do in the scope it asked about. */
export interface MeDto {
  id: string;
  kind: "user" | "serviceAccount";
  name: string;
  email: string | null;
  permissions: string[];
  grants: { role: string; orgIdentifier: string; projectIdentifier: string }[];
}

export const serviceAccountParamsSchema = z.object({ identifier: identifierSchema });
