// Teams: named groups of members that are granted a permission on single packages of their
// organization (docs/adr/0010, "Why teams grant per package"). Owners and admins manage them.
import { and, asc, eq } from "drizzle-orm";
import { command } from "../validation.ts";
import { DomainError } from "../errors.ts";
import { isUniqueViolation } from "../auth/accounts.ts";
import { owners, packages, teamMembers, teamPackages, teams } from "../db/schema.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import {
  CreateTeam,
  OrgRef,
  RenameTeam,
  TeamGrant,
  TeamMember,
  TeamPackage,
  TeamRef,
} from "./inputs.ts";
import { type OrgAccess, orgFor } from "./access.ts";
import { orgAudit, orgAuditIfChanged } from "./audit.ts";
import type { AuditAction, AuditInput } from "../audit/audit.ts";
import type { BatchItem } from "drizzle-orm/batch";
import { findMember } from "./orgs.ts";

export const TEAM_NOT_FOUND = "team not found";

export interface Team {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
}

export interface TeamDetail extends Team {
  members: { userId: string; handle: string }[];
  packages: { packageId: string; name: string; permission: "read" | "publish" | "admin" }[];
}

const teamColumns = {
  id: teams.id,
  slug: teams.slug,
  name: teams.name,
  createdAt: teams.createdAt,
};

/** The teams of an organization (any member may see them). */
export const listTeams = command(OrgRef, async (s, actor, input) => {
  const access = await orgFor(s, actor, "org.read", input.org);
  const list: Team[] = await s.db.select(teamColumns).from(teams)
    .where(eq(teams.orgId, access.org.id)).orderBy(asc(teams.slug));
  return { ...access, teams: list };
});

async function teamOf(s: Services, access: OrgAccess, slug: string): Promise<TeamDetail> {
  const [team] = await s.db.select(teamColumns).from(teams)
    .where(and(eq(teams.orgId, access.org.id), eq(teams.slug, slug.toLowerCase()))).limit(1);
  if (!team) throw new DomainError("not_found", TEAM_NOT_FOUND);
  const [members, grants] = await Promise.all([
    s.db.select({ userId: teamMembers.userId, handle: owners.handle }).from(teamMembers)
      .innerJoin(owners, eq(owners.userId, teamMembers.userId))
      .where(eq(teamMembers.teamId, team.id)).orderBy(asc(owners.handle)),
    s.db.select({
      packageId: teamPackages.packageId,
      name: packages.name,
      permission: teamPackages.permission,
    }).from(teamPackages).innerJoin(packages, eq(packages.id, teamPackages.packageId))
      .where(eq(teamPackages.teamId, team.id)).orderBy(asc(packages.name)),
  ]);
  return { ...team, members, packages: grants };
}

/** One team with its members and package grants. */
export const readTeam = command(TeamRef, async (s, actor, input) => {
  const access = await orgFor(s, actor, "org.read", input.org);
  return { ...access, team: await teamOf(s, access, input.team) };
});

/** The team named by `input`, for a change only the organization's managers may make. */
async function managedTeam(s: Services, actor: Actor, input: { org: string; team: string }) {
  const access = await orgFor(s, actor, "org.teams", input.org);
  return { access, team: await teamOf(s, access, input.team) };
}

/** The audit event of a change to `team`: its slug, then `details`. */
function teamEvent(action: AuditAction, team: Team, details: Record<string, unknown> = {}) {
  return {
    action,
    targetType: "team",
    targetId: team.id,
    metadata: { slug: team.slug, ...details },
  } satisfies AuditInput;
}

/** Runs `change`, recording `event` only if it changed a row (adding twice is no event). */
async function changeIfAny(
  s: Services,
  actor: Actor,
  access: OrgAccess,
  change: BatchItem<"sqlite">,
  event: AuditInput,
) {
  await s.db.batch([change, orgAuditIfChanged(s.db, actor, access.org.id, event, s.clock())]);
}

const TEAM_TAKEN = "slug: this organization already has a team with this slug";

export const createTeam = command(CreateTeam, async (s, actor, input): Promise<Team> => {
  const { org } = await orgFor(s, actor, "org.teams", input.org);
  const now = s.clock();
  const team: Team = {
    id: crypto.randomUUID(),
    slug: input.slug,
    name: input.name,
    createdAt: now,
  };
  try {
    await s.db.batch([
      s.db.insert(teams).values({ ...team, orgId: org.id }),
      orgAudit(s.db, actor, org.id, teamEvent("team.create", team, { name: team.name }), now),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError("conflict", TEAM_TAKEN, {
      issues: [{ field: "slug", message: TEAM_TAKEN }],
    });
  }
  return team;
});

export const renameTeam = command(RenameTeam, async (s, actor, input): Promise<Team> => {
  const { access, team } = await managedTeam(s, actor, input);
  if (team.name === input.name) return team;
  const now = s.clock();
  const event = teamEvent("team.update", team, { from: team.name, to: input.name });
  await s.db.batch([
    s.db.update(teams).set({ name: input.name }).where(eq(teams.id, team.id)),
    orgAudit(s.db, actor, access.org.id, event, now),
  ]);
  return { ...team, name: input.name };
});

export const deleteTeam = command(TeamRef, async (s, actor, input): Promise<void> => {
  const { access, team } = await managedTeam(s, actor, input);
  await s.db.batch([
    s.db.delete(teams).where(eq(teams.id, team.id)),
    orgAudit(s.db, actor, access.org.id, teamEvent("team.delete", team), s.clock()),
  ]);
});

/** Adds a member of the organization to a team (idempotent). */
export const addTeamMember = command(TeamMember, async (s, actor, input) => {
  const { access, team } = await managedTeam(s, actor, input);
  const member = await findMember(s.db, access.org.id, input.user);
  if (!member) {
    throw new DomainError("invalid", `@${input.user} is not a member of @${access.org.handle}`, {
      issues: [{
        field: "user",
        message: `@${input.user} is not a member of @${access.org.handle}`,
      }],
    });
  }
  const add = s.db.insert(teamMembers).values({ teamId: team.id, userId: member.userId })
    .onConflictDoNothing();
  const event = teamEvent("team.member_add", team, { handle: member.handle });
  await changeIfAny(s, actor, access, add, event);
});

export const removeTeamMember = command(TeamMember, async (s, actor, input) => {
  const { access, team } = await managedTeam(s, actor, input);
  const seat = team.members.find((m) => m.handle === input.user.toLowerCase());
  if (!seat) throw new DomainError("not_found", "this team has no such member");
  const remove = s.db.delete(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, seat.userId)));
  const event = teamEvent("team.member_remove", team, { handle: seat.handle });
  await changeIfAny(s, actor, access, remove, event);
});

/** Grants (or changes) a team's permission on one of the organization's packages. */
export const grantTeamPackage = command(TeamGrant, async (s, actor, input) => {
  const { access, team } = await managedTeam(s, actor, input);
  const [pkg] = await s.db.select({ id: packages.id, name: packages.name }).from(packages)
    .where(and(eq(packages.ownerId, access.org.id), eq(packages.name, input.package))).limit(1);
  if (!pkg) {
    throw new DomainError("not_found", `@${access.org.handle} has no package ${input.package}`);
  }
  const now = s.clock();
  const event = teamEvent("team.package_grant", team, {
    package: pkg.name,
    permission: input.permission,
  });
  await s.db.batch([
    s.db.insert(teamPackages).values({
      teamId: team.id,
      packageId: pkg.id,
      permission: input.permission,
    })
      .onConflictDoUpdate({
        target: [teamPackages.teamId, teamPackages.packageId],
        set: { permission: input.permission },
      }),
    orgAudit(s.db, actor, access.org.id, event, now),
  ]);
});

export const revokeTeamPackage = command(TeamPackage, async (s, actor, input) => {
  const { access, team } = await managedTeam(s, actor, input);
  const grant = team.packages.find((p) => p.name === input.package);
  if (!grant) throw new DomainError("not_found", "this team has no grant on that package");
  const revoke = s.db.delete(teamPackages)
    .where(and(eq(teamPackages.teamId, team.id), eq(teamPackages.packageId, grant.packageId)));
  const event = teamEvent("team.package_revoke", team, { package: grant.name });
  await changeIfAny(s, actor, access, revoke, event);
});
