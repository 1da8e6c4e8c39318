// How accounts, sessions, tokens and audit events look in the /v1 API (RFC 3339 times,
// absent values as null).
import type { Account } from "./accounts.ts";
import { type ApiTokenInfo, tokenStatus } from "./api_tokens.ts";
import type { SessionInfo } from "./sessions.ts";
import type { AuditEvent } from "../audit/audit.ts";

const iso = (d: Date | null) => d ? d.toISOString() : null;

export function accountJson(
  a: Account,
  auth?: { session: SessionInfo | null; token: ApiTokenInfo | null },
) {
  return {
    id: a.userId,
    email: a.email,
    verified: a.emailVerifiedAt !== null,
    email_verified_at: iso(a.emailVerifiedAt),
    owner: { id: a.ownerId, kind: "user", handle: a.handle },
    created_at: a.createdAt.toISOString(),
    ...(auth
      ? {
        auth: auth.token
          ? { kind: "token", token_id: auth.token.id, scopes: auth.token.scopes }
          : { kind: "session" },
      }
      : {}),
  };
}

export function sessionJson(s: SessionInfo, currentId: string | null) {
  return {
    id: s.id,
    created_at: s.createdAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    expires_at: new Date(Math.min(s.expiresAt.getTime(), s.absoluteExpiresAt.getTime()))
      .toISOString(),
    user_agent: s.userAgent,
    ip: s.ip,
    current: s.id === currentId,
  };
}

export function tokenJson(t: ApiTokenInfo, now: Date) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt.toISOString(),
    last_used_at: iso(t.lastUsedAt),
    revoked_at: iso(t.revokedAt),
    status: tokenStatus(t, now),
  };
}

export function auditJson(e: AuditEvent) {
  return {
    id: e.id,
    action: e.action,
    actor_user_id: e.actorUserId,
    actor_token_id: e.actorTokenId,
    target_type: e.targetType,
    target_id: e.targetId,
    ip: e.ip,
    user_agent: e.userAgent,
    metadata: e.metadata,
    created_at: e.createdAt.toISOString(),
  };
}
