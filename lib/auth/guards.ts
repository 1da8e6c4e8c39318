// Guards for the routes that do not go through the access policy yet (packages, contexts).
// The account routes declare their access and pass ctx.state.actor to commands instead; once
// the other routes do too, this module goes. It throws DomainError (lib/http/errors.ts maps
// it) and takes the route's state by shape, so it needs nothing from the framework.
import { DomainError } from "../errors.ts";
import type { Actor } from "../audit/audit.ts";
import type { Account } from "./accounts.ts";
import type { ApiTokenInfo, Scope } from "./api_tokens.ts";

/** The part of a route's context these guards read. */
interface Caller {
  state: {
    user: Account | null;
    token: ApiTokenInfo | null;
    clientIp: string;
    userAgent: string | null;
  };
}

/** The signed-in account, or 401. */
export function requireUser(ctx: Caller): Account {
  if (!ctx.state.user) {
    throw new DomainError(
      "unauthenticated",
      "authentication required: sign in, or send an API token as Authorization: Bearer <token>",
    );
  }
  return ctx.state.user;
}

/** The account, when a session is signed in or the API token carries `scope`; else 401/403. */
export function requireScope(ctx: Caller, scope: Scope): Account {
  const user = requireUser(ctx);
  if (ctx.state.token && !ctx.state.token.scopes.includes(scope)) {
    throw new DomainError("forbidden", `this API token lacks the ${scope} scope`);
  }
  return user;
}

/** Who is acting, for audit events. */
export function actorOf(ctx: Caller, user: Account): Actor {
  return {
    ownerId: user.ownerId,
    userId: user.userId,
    ip: ctx.state.clientIp,
    userAgent: ctx.state.userAgent,
    tokenId: ctx.state.token?.id ?? null,
  };
}
