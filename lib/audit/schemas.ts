import { z } from "zod";

export const auditActions = [
  "CREATE",
  "UPDATE",
  "DELETE",
  "TEST",
  "ROTATE",
  "SIGN_IN",
  "SIGN_IN_FAILED",
  "SIGN_OUT",
  /** A periodic check found a connector's health changed (passing ↔ failing). */
  "HEALTH",
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditQuerySchema = z.object({
  entityType: z.string().max(64).optional(),
  action: z.enum(auditActions).optional(),
  q: z.string().max(128).optional(),
  /** Only this actor's events (a user's or service account's id). */
  actor: z.string().max(64).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  actorId: string;
  actorKind: string;
  clientAddress: string | null;
  userAgent: string | null;
  action: string;
  entityType: string;
  entityId: string;
  orgIdentifier: string | null;
  projectIdentifier: string | null;
  requestId: string | null;
  diff: unknown;
}
