// Role bindings in words: "Editor in project payments of organization default".
import { ROLES, type RoleId } from "@/lib/access/permissions";

export const roleName = (role: string) => (Object.hasOwn(ROLES, role) ? ROLES[role as RoleId].name : role);

export function scopeWords(g: { orgIdentifier: string; projectIdentifier: string }): string {
  if (g.projectIdentifier) return `project ${g.projectIdentifier} of organization ${g.orgIdentifier}`;
  if (g.orgIdentifier) return `organization ${g.orgIdentifier}`;
  return "the whole account";
}

export const grantWords = (g: { role: string; orgIdentifier: string; projectIdentifier: string }) =>
  `${roleName(g.role)} in ${scopeWords(g)}`;
