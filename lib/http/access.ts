// Routes declare what they require (`export const access = ...` in every route file), and this
// module enforces the part that needs no resource before the handler runs: who is signed in,
// how (browser session or API token) and with which scopes. Ownership of the resource a route
// names is decided by the same policy (lib/access/policy.ts) when the handler loads it.
// A route without a declaration for one of its methods is refused when the app is built.
import type { Context } from "../framework/context.ts";
import { HttpError } from "../framework/http_error.ts";
import { type Action, ACTIONS, type Actor, can } from "../access/policy.ts";
import type { Scope } from "../auth/api_tokens.ts";

/**
 * - `public`: anyone, with or without credentials (the health check, verification, downloads
 *   of public bundles, the account forms of the API).
 * - `page`: an HTML page anyone may see; pages are for browsers, so an API token is refused.
 * - `session`: a signed-in browser session (the dashboard's pages; anyone else is sent to sign in).
 * - an action of the policy: signed in by session, or by an API token that the policy allows
 *   (the scope the action needs; never for session-only actions).
 */
export type Requirement = "public" | "page" | "session" | Action;

/** One requirement for every method, or one per method. */
export type RouteAccess = Requirement | Partial<Record<string, Requirement>>;

/** A route's declaration for one method (HEAD follows GET); undefined when it declares none. */
export function requirementFor(access: unknown, method: string): Requirement | undefined {
  if (typeof access === "string") return isRequirement(access) ? access : undefined;
  if (typeof access !== "object" || access === null) return undefined;
  const byMethod = access as Record<string, unknown>;
  const value = byMethod[method] ?? (method === "HEAD" ? byMethod.GET : undefined);
  return typeof value === "string" && isRequirement(value) ? value : undefined;
}

function isRequirement(value: string): value is Requirement {
  return value === "public" || value === "page" || value === "session" || value in ACTIONS;
}

/** Problems with a route's declaration: one line per method that declares nothing valid. */
export function accessProblems(
  route: { file: string; methods: string[] },
  access: unknown,
): string[] {
  return route.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS")
    .filter((m) => !requirementFor(access, m))
    .map((m) =>
      `${route.file}: ${m} declares no access; export const access = "public" | "page" | ` +
      `"session" | an action of lib/access/policy.ts`
    );
}

/** The scope a requirement makes an API token need, if any (for the authorization matrix). */
export function scopeOf(requirement: Requirement): Scope | null {
  if (requirement === "public" || requirement === "page" || requirement === "session") return null;
  const rule = ACTIONS[requirement];
  return "scope" in rule ? rule.scope : null;
}

const TOKEN_ON_PAGE =
  "API tokens work on the /v1 API only; sign in with a browser to use this page";

/**
 * Enforces a requirement for a request: nothing when it is met, a redirect to sign in for a
 * page that needs a session, or an HttpError (401 or 403) that says what is missing.
 */
export function enforce(
  ctx: Pick<Context<{ actor: Actor }>, "state" | "url">,
  requirement: Requirement,
  api: boolean,
): Response | void {
  const { actor } = ctx.state;
  const token = actor.kind === "user" && actor.via === "token";
  if (requirement === "public") return;
  if (requirement === "page" || requirement === "session") {
    if (token) throw new HttpError(403, TOKEN_ON_PAGE);
    if (requirement === "page" || actor.kind === "user") return;
    if (api) throw unauthenticated();
    const next = encodeURIComponent(ctx.url.pathname + ctx.url.search);
    return new Response(null, { status: 303, headers: { location: `/login?next=${next}` } });
  }
  if (!api && token) throw new HttpError(403, TOKEN_ON_PAGE);
  const decision = can(actor, requirement);
  if (decision.allowed) return;
  switch (decision.reason) {
    case "unauthenticated":
      throw unauthenticated();
    case "scope":
      throw new HttpError(403, `this API token lacks the ${decision.scope} scope`);
    case "session_only":
      throw new HttpError(
        403,
        `API tokens cannot ${decision.describe}; sign in with a browser session`,
      );
    case "not_found":
      throw new HttpError(404, "not found");
  }
}

function unauthenticated(): HttpError {
  return new HttpError(
    401,
    "authentication required: sign in, or send an API token as Authorization: Bearer <token>",
    { headers: { "www-authenticate": 'Bearer realm="inactu-control"' } },
  );
}
