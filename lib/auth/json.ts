// How accounts, sessions, tokens and audit events look in the /v1 API (RFC 3339 times,
// absent values as null).
import { z } from "zod";
import type { Account } from "./accounts.ts";
import { type ApiTokenInfo, SCOPES, tokenStatus } from "./api_tokens.ts";
import type { SessionInfo } from "./sessions.ts";
import type { AuditEvent } from "../audit/audit.ts";

const iso = (d: Date | null) => d ? d.toISOString() : null;
const time = z.string().meta({ format: "date-time" });

const ORGS_ONLY = "The owner the token acts for (only when the server runs with ORGS_ENABLED)";

/** The owner a token acts for (docs/adr/0010). */
export const TokenOwnerJson = z.object({
  handle: z.string(),
  kind: z.enum(["user", "org"]),
}).strict();

export const AccountJson = z.object({
  id: z.string(),
  email: z.string(),
  verified: z.boolean(),
  email_verified_at: time.nullable(),
  owner: z.object({ id: z.string(), kind: z.literal("user"), handle: z.string() }).strict(),
  created_at: time,
  auth: z.union([
    z.object({
      kind: z.literal("token"),
      token_id: z.string(),
      scopes: z.array(z.enum(SCOPES)),
      owner: TokenOwnerJson.optional().meta({ description: ORGS_ONLY }),
    }).strict(),
    z.object({ kind: z.literal("session") }).strict(),
  ]).optional(),
}).strict().meta({ id: "Account" });

export const SessionJson = z.object({
  id: z.string(),
  created_at: time,
  last_seen_at: time,
  expires_at: time,
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
}).strict().meta({ id: "Session" });

export const TokenJson = z.object({
  id: z.string(),
  name: z.string(),
  owner: TokenOwnerJson.optional().meta({ description: ORGS_ONLY }),
  scopes: z.array(z.enum(SCOPES)),
  created_at: time,
  expires_at: time,
  last_used_at: time.nullable(),
  revoked_at: time.nullable(),
  status: z.string(),
}).strict().meta({ id: "Token" });

export const AuditJson = z.object({
  id: z.number().int(),
  action: z.string(),
  actor_user_id: z.string().nullable(),
  actor_token_id: z.string().nullable(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: time,
}).strict().meta({ id: "AuditEvent" });

/**
 * The account; `auth` says how this request signed in, with the owner a token acts for when
 * `orgs` (ORGS_ENABLED: off, every answer is as it was before organizations).
 */
export function accountJson(
  a: Account,
  auth?: { session: SessionInfo | null; token: ApiTokenInfo | null },
  orgs = false,
): z.infer<typeof AccountJson> {
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
          ? {
            kind: "token",
            token_id: auth.token.id,
            scopes: auth.token.scopes,
            ...(orgs ? { owner: ownerJson(auth.token) } : {}),
          }
          : { kind: "session" },
      }
      : {}),
  };
}

export function sessionJson(s: SessionInfo, currentId: string | null): z.infer<typeof SessionJson> {
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

function ownerJson(t: ApiTokenInfo): z.infer<typeof TokenOwnerJson> {
  return { handle: t.owner.handle, kind: t.owner.kind };
}

/** A token; with `orgs` (ORGS_ENABLED) also the owner it acts for. */
export function tokenJson(t: ApiTokenInfo, now: Date, orgs = false): z.infer<typeof TokenJson> {
  return {
    id: t.id,
    name: t.name,
    ...(orgs ? { owner: ownerJson(t) } : {}),
    scopes: t.scopes,
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt.toISOString(),
    last_used_at: iso(t.lastUsedAt),
    revoked_at: iso(t.revokedAt),
    status: tokenStatus(t, now),
  };
}

export function auditJson(e: AuditEvent): z.infer<typeof AuditJson> {
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
