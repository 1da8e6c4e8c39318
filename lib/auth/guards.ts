import type { Context } from "../framework/context.ts";
import { HttpError } from "../framework/http_error.ts";
import type { State } from "../define.ts";
import type { Actor } from "../audit/audit.ts";
import type { Account } from "./accounts.ts";
import type { Scope } from "./api_tokens.ts";
import type { SessionInfo } from "./sessions.ts";
import { actorFor, type RequestMeta } from "./flows.ts";
import type { LinkRequest } from "./links.ts";

/** The signed-in account, or 401. */
export function requireUser(ctx: Context<State>): Account {
  if (!ctx.state.user) {
    throw new HttpError(
      401,
      "authentication required: sign in, or send an API token as Authorization: Bearer <token>",
      {
        headers: { "www-authenticate": 'Bearer realm="inactu-control"' },
      },
    );
  }
  return ctx.state.user;
}

/** The account, when a session is signed in or the API token carries `scope`; else 401/403. */
export function requireScope(ctx: Context<State>, scope: Scope): Account {
  const user = requireUser(ctx);
  if (ctx.state.token && !ctx.state.token.scopes.includes(scope)) {
    throw new HttpError(403, `this API token lacks the ${scope} scope`);
  }
  return user;
}

/** A browser session: API tokens may never manage credentials, sessions or tokens. */
export function requireSession(
  ctx: Context<State>,
  action: string,
): { user: Account; session: SessionInfo } {
  const user = requireUser(ctx);
  if (!ctx.state.session) {
    throw new HttpError(403, `API tokens cannot ${action}; sign in with a browser session`);
  }
  return { user, session: ctx.state.session };
}

/** Where a request comes from, as the account flows record it. */
export function requestMeta(ctx: Context<State>): RequestMeta {
  return { ip: ctx.state.clientIp, userAgent: ctx.state.userAgent };
}

/** A request that uses a mailed link: who is signed in with a browser session, if anyone. */
export function linkRequest(ctx: Context<State>, signOut = false): LinkRequest {
  const { user, session } = ctx.state;
  return {
    ...requestMeta(ctx),
    current: user && session ? { account: user, session } : null,
    signOut,
  };
}

/** Who is acting, for audit events. */
export function actorOf(ctx: Context<State>, user: Account): Actor {
  return { ...actorFor(user, requestMeta(ctx)), tokenId: ctx.state.token?.id ?? null };
}
