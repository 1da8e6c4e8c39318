// The API's shapes of organizations and their people (snake_case, RFC 3339 times).
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
