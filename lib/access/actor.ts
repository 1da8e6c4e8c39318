// Who asks (lib/access/policy.ts decides what they may do): nobody, or a user through a
// browser session or an API token, with where the request came from.
import type { Scope } from "../auth/api_tokens.ts";
import type { Actor as AuditActor } from "../audit/audit.ts";

/** Where a request came from, recorded with what it changed. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

/** A signed-in user: their id, and their own owner (read with the credential, this request). */
interface User {
  kind: "user";
  userId: string;
  ownerId: string;
  /** The handle of ownerId. */
  ownerHandle: string;
}

/** Who is asking: nobody, or a user through a browser session or an API token. */
export type Actor =
  | ({ kind: "anonymous" } & Origin)
  | (User & { via: "session"; sessionId: string } & Origin)
  | (User & {
    via: "token";
    tokenId: string;
    scopes: readonly Scope[];
    /**
     * The one owner the token acts for (docs/adr/0010): the user's own owner, or an
     * organization chosen when the token was made. Any other owner's resource is refused.
     */
    actsFor: string;
  } & Origin);

/** The actor as audit events record it (lib/audit/audit.ts); null for nobody. */
export function auditActor(actor: Actor): AuditActor | null {
  if (actor.kind === "anonymous") return null;
  return {
    ownerId: actor.ownerId,
    userId: actor.userId,
    tokenId: actor.via === "token" ? actor.tokenId : null,
    ip: actor.ip,
    userAgent: actor.userAgent,
  };
}

/** An actor who is signed in, by browser session or API token. */
export type UserActor = Extract<Actor, { kind: "user" }>;

/** The owner a request acts for: a token's one owner, or (a session) the user's own. */
export function actingOwnerId(actor: UserActor): string {
  return actor.via === "token" ? actor.actsFor : actor.ownerId;
}
