// Managing one's own sessions and API tokens; each change is written in one batch with its
// audit event. Ownership is checked first, so another user's id (or a made-up one) changes
// nothing and is reported as not found.
import type { Services } from "../define.ts";
import { auditInsert } from "../audit/audit.ts";
import type { Account } from "./accounts.ts";
import { listSessions, revokeSessionQuery, revokeSessionsQuery } from "./sessions.ts";
import {
  type ApiTokenInfo,
  DEFAULT_TOKEN_DAYS,
  getApiToken,
  MAX_TOKEN_DAYS,
  newApiToken,
  revokeApiTokenQuery,
  type Scope,
  SCOPES,
} from "./api_tokens.ts";
import { actorFor, type RequestMeta } from "./flows.ts";

/** Revokes one of the user's active sessions; false when there is no such session of theirs. */
export async function revokeOneSession(
  s: Services,
  account: Account,
  sessionId: string,
  meta: RequestMeta,
): Promise<boolean> {
  const now = s.clock();
  const active = await listSessions(s.db, account.userId, now);
  if (!active.some((x) => x.id === sessionId)) return false;
  await s.db.batch([
    revokeSessionQuery(s.db, account.userId, sessionId, now),
    auditInsert(s.db, actorFor(account, meta), {
      action: "session.revoke",
      targetType: "session",
      targetId: sessionId,
    }, now),
  ]);
  return true;
}

/** Revokes every other active session of the user; returns how many. */
export async function revokeOtherSessions(
  s: Services,
  account: Account,
  keepId: string,
  meta: RequestMeta,
): Promise<number> {
  const now = s.clock();
  const others = (await listSessions(s.db, account.userId, now)).filter((x) => x.id !== keepId);
  if (others.length === 0) return 0;
  await s.db.batch([
    revokeSessionsQuery(s.db, account.userId, now, keepId),
    auditInsert(s.db, actorFor(account, meta), {
      action: "session.revoke",
      targetType: "session",
      metadata: { scope: "all_others", count: others.length },
    }, now),
  ]);
  return others.length;
}

/** What a new token needs; validated here so the page and the API say the same things. */
export interface TokenRequest {
  name: string;
  scopes: string[];
  days: number;
}

/** Checks a token request; returns a message for the first problem, or null. */
export function checkTokenRequest(input: TokenRequest): string | null {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 64) {
    return 'Name must be 1 to 64 characters, such as "CI publish"';
  }
  if (/\p{Cc}/u.test(name)) return "Name must not contain control characters";
  if (input.scopes.length === 0) return `Choose at least one scope: ${SCOPES.join(", ")}`;
  const unknown = input.scopes.find((x) => !(SCOPES as readonly string[]).includes(x));
  if (unknown) return `Unknown scope "${unknown.slice(0, 40)}"; allowed: ${SCOPES.join(", ")}`;
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS) {
    return `Expiry must be a whole number of days from 1 to ${MAX_TOKEN_DAYS} (default ${DEFAULT_TOKEN_DAYS})`;
  }
  return null;
}

/** Creates an API token (already validated) and records it; the secret is returned once. */
export async function issueToken(
  s: Services,
  account: Account,
  input: TokenRequest,
  meta: RequestMeta,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const now = s.clock();
  const created = newApiToken(s.db, {
    ownerId: account.ownerId,
    userId: account.userId,
    name: input.name.trim(),
    scopes: input.scopes as Scope[],
    days: input.days,
  }, now);
  await s.db.batch([
    created.insert,
    auditInsert(s.db, actorFor(account, meta), {
      action: "token.create",
      targetType: "api_token",
      targetId: created.info.id,
      metadata: {
        name: created.info.name,
        scopes: created.info.scopes,
        expires_at: created.info.expiresAt.toISOString(),
      },
    }, now),
  ]);
  return { token: created.token, info: created.info };
}

/** Revokes one of the owner's active tokens; false when there is no such token of theirs. */
export async function revokeToken(
  s: Services,
  account: Account,
  tokenId: string,
  meta: RequestMeta,
): Promise<boolean> {
  const now = s.clock();
  const token = await getApiToken(s.db, account.ownerId, tokenId);
  if (!token || token.revokedAt) return false;
  await s.db.batch([
    revokeApiTokenQuery(s.db, account.ownerId, tokenId, now),
    auditInsert(s.db, actorFor(account, meta), {
      action: "token.revoke",
      targetType: "api_token",
      targetId: tokenId,
      metadata: { name: token.name },
    }, now),
  ]);
  return true;
}
