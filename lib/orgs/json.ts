// The API's shapes of organizations and their people (snake_case, RFC 3339 times).
import { z } from "zod";
import type { Member, Organization } from "./orgs.ts";
import type { Invitation } from "./invitations.ts";
import type { Team, TeamDetail } from "./teams.ts";

export function orgJson(org: Organization, role?: string | null) {
  return {
    handle: org.handle,
    display_name: org.displayName,
    description: org.description,
    url: org.url,
    created_at: org.createdAt.toISOString(),
    ...(role !== undefined ? { role } : {}),
  };
}

export function memberJson(m: Member) {
  return { user: m.handle, role: m.role, joined_at: m.joinedAt.toISOString() };
}

export function invitationJson(i: Invitation) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
  };
}

export function teamJson(t: Team) {
  return { slug: t.slug, name: t.name, created_at: t.createdAt.toISOString() };
}

export function teamDetailJson(t: TeamDetail) {
  return {
    ...teamJson(t),
    members: t.members.map((m) => m.handle),
    packages: t.packages.map((p) => ({ package: p.name, permission: p.permission })),
  };
}

// The same shapes as zod schemas, for the OpenAPI document (routes' `api`).
const time = z.string().meta({ format: "date-time" });
const Role = z.enum(["owner", "admin", "member"]);

export const OrgJson = z.object({
  handle: z.string(),
  display_name: z.string(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  created_at: time,
  role: Role.optional().meta({ description: "Your role in it" }),
}).strict().meta({ id: "Organization" });

export const MemberJson = z.object({ user: z.string(), role: Role, joined_at: time }).strict()
  .meta({ id: "OrgMember" });

export const InvitationJson = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  created_at: time,
  expires_at: time,
}).strict().meta({ id: "OrgInvitation" });

export const TeamJson = z.object({ slug: z.string(), name: z.string(), created_at: time }).strict()
  .meta({ id: "Team" });

export const TeamDetailJson = TeamJson.extend({
  members: z.array(z.string()),
  packages: z.array(
    z.object({ package: z.string(), permission: z.enum(["read", "publish", "admin"]) }).strict(),
  ),
}).strict().meta({ id: "TeamDetail" });
