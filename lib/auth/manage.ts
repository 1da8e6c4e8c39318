// Managing one's own account from a browser: reading it, listing and revoking sessions, and
// creating, listing and revoking API tokens. Each asks the access policy first; a session or
// token of someone else (or a made-up id) changes nothing and reads as not found. Each change
// is written in one batch with its audit event.
import type { z } from "zod";
import type { Services } from "../services.ts";
import { type Actor, auditActor, authorizeOwn, type UserActor } from "../access/policy.ts";
import { DomainError } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { auditInsert } from "../audit/audit.ts";
import { type Account, getAccount } from "./accounts.ts";
import {
  listSessions,
  revokeSessionQuery,
  revokeSessionsQuery,
  type SessionInfo,
} from "./sessions.ts";
import {
  type ApiTokenInfo,
  countActiveApiTokens,
  getApiToken,
  listApiTokens,
  newApiToken,
  revokeApiTokenQuery,
  type TokenOwner,
} from "./api_tokens.ts";
import { IdInput, OWNER_RULE, TokenInput } from "./inputs.ts";
import { getOrgByHandle, roleIn } from "../orgs/orgs.ts";
import { orgAudit } from "../orgs/audit.ts";

export const SESSION_NOT_FOUND = "session not found";
export const TOKEN_NOT_FOUND = "token not found";

/** The actor's own account. */
export async function readAccount(s: Services, actor: Actor): Promise<Account> {
  const user = authorizeOwn(actor, "account.read");
  const account = await getAccount(s.db, user.userId);
  if (!account) throw new DomainError("not_found", "account not found");
  return account;
}

/** The actor's sessions that can still be used, newest first, and which one is asking. */
export async function listOwnSessions(
  s: Services,
  actor: Actor,
): Promise<{ sessions: SessionInfo[]; currentId: string | null }> {
  const user = authorizeOwn(actor, "session.manage");
  const sessions = await listSessions(s.db, user.userId, s.clock());
  return { sessions, currentId: user.via === "session" ? user.sessionId : null };
}

/** Revokes one of the actor's active sessions (this one included: that signs out). */
export async function revokeSession(
  s: Services,
  actor: Actor,
  input: z.input<typeof IdInput>,
): Promise<void> {
  const { id } = parseInput(IdInput, input);
  const user = authorizeOwn(actor, "session.manage");
  const now = s.clock();
  const active = await listSessions(s.db, user.userId, now);
  if (!active.some((x) => x.id === id)) throw new DomainError("not_found", SESSION_NOT_FOUND);
  await s.db.batch([
    revokeSessionQuery(s.db, user.userId, id, now),
    auditInsert(s.db, auditActor(user)!, {
      action: "session.revoke",
      targetType: "session",
      targetId: id,
    }, now),
  ]);
}

/** Revokes every other active session of the actor; returns how many. */
export async function revokeOtherSessions(s: Services, actor: Actor): Promise<number> {
  const user = authorizeOwn(actor, "session.manage");
  const keepId = user.via === "session" ? user.sessionId : undefined;
  const now = s.clock();
  const others = (await listSessions(s.db, user.userId, now)).filter((x) => x.id !== keepId);
  if (others.length === 0) return 0;
  await s.db.batch([
    revokeSessionsQuery(s.db, user.userId, now, keepId),
    auditInsert(s.db, auditActor(user)!, {
      action: "session.revoke",
      targetType: "session",
      metadata: { scope: "all_others", count: others.length },
    }, now),
  ]);
  return others.length;
}

/** The actor's API tokens, newest first, revoked ones included. */
export async function listOwnTokens(s: Services, actor: Actor): Promise<ApiTokenInfo[]> {
  const user = authorizeOwn(actor, "token.manage");
  return await listApiTokens(s.db, user.userId);
}

/** How many of the actor's API tokens still work: what "also revoke them" would revoke. */
export async function countOwnWorkingTokens(s: Services, actor: Actor): Promise<number> {
  const user = authorizeOwn(actor, "token.manage");
  return await countActiveApiTokens(s.db, user.userId, s.clock());
}

/** Creates an API token and records it; the secret is returned once and never stored. */
export async function createToken(
  s: Services,
  actor: Actor,
  input: z.input<typeof TokenInput>,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const data = parseInput(TokenInput, input);
  const user = authorizeOwn(actor, "token.manage");
  const owner = await tokenOwner(s, user, data.owner);
  const now = s.clock();
  const created = newApiToken(s.db, {
    ownerId: owner.id,
    userId: user.userId,
    name: data.name,
    scopes: data.scopes,
    days: data.expires_in_days,
    owner,
  }, now);
  const event = {
    action: "token.create",
    targetType: "api_token",
    targetId: created.info.id,
    metadata: {
      name: created.info.name,
      scopes: created.info.scopes,
      expires_at: created.info.expiresAt.toISOString(),
      owner: owner.handle,
    },
  } as const;
  await s.db.batch([
    created.insert,
    auditInsert(s.db, auditActor(user)!, event, now),
    // An organization's admins see in its log every token that can act for it.
    ...(owner.kind === "org" ? [orgAudit(s.db, user, owner.id, event, now)] : []),
  ]);
  return { token: created.token, info: created.info };
}

/**
 * The owner a new token acts for: the user's own (no handle, or their own handle), or an
 * organization they belong to now (only with ORGS_ENABLED). Anything else is one answer, so a
 * handle of an organization they are not in reveals nothing.
 */
async function tokenOwner(
  s: Services,
  user: UserActor,
  handle: string | undefined,
): Promise<TokenOwner> {
  const account = await getAccount(s.db, user.userId);
  if (!account) throw new DomainError("not_found", "account not found");
  if (handle === undefined || handle === "" || handle === account.handle) {
    return { id: account.ownerId, handle: account.handle, kind: "user" };
  }
  const org = s.config.orgsEnabled ? await getOrgByHandle(s.db, handle) : null;
  if (org && await roleIn(s.db, org.id, user.userId)) {
    return { id: org.id, handle: org.handle, kind: "org" };
  }
  throw new DomainError("invalid", `owner: ${OWNER_RULE}`, {
    issues: [{ field: "owner", message: OWNER_RULE }],
  });
}

/** Revokes one of the actor's active tokens. */
export async function revokeToken(
  s: Services,
  actor: Actor,
  input: z.input<typeof IdInput>,
): Promise<void> {
  const { id } = parseInput(IdInput, input);
  const user = authorizeOwn(actor, "token.manage");
  const token = await getApiToken(s.db, user.userId, id);
  if (!token || token.revokedAt) throw new DomainError("not_found", TOKEN_NOT_FOUND);
  const now = s.clock();
  const event = {
    action: "token.revoke",
    targetType: "api_token",
    targetId: id,
    metadata: { name: token.name },
  } as const;
  const org = token.owner.kind === "org" ? token.owner.id : null;
  await s.db.batch([
    revokeApiTokenQuery(s.db, user.userId, id, now),
    auditInsert(s.db, auditActor(user)!, event, now),
    ...(org ? [orgAudit(s.db, user, org, event, now)] : []),
  ]);
}
