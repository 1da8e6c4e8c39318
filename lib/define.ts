import type { Services } from "./services.ts";
import { createDefine } from "./framework/define.ts";
import type { Context } from "./framework/context.ts";
import type { Account } from "./auth/accounts.ts";
import type { SessionInfo } from "./auth/sessions.ts";
import type { ApiTokenInfo } from "./auth/api_tokens.ts";
import type { Actor } from "./access/policy.ts";

/** A public page as the cache keeps it. */
export interface CachedPage {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The body compressed, per coding, made the first time a client asks for it. */
  encoded?: Partial<Record<"br" | "gzip", Uint8Array<ArrayBuffer>>>;
}

/** Per-request state, typed once for every route and middleware. */
export interface State {
  services: Services;
  requestId: string;
  /** The client's address, from the socket or a trusted proxy's X-Forwarded-For. */
  clientIp: string;
  userAgent: string | null;
  /** The signed-in account (by session cookie or API token), set by routes/_middleware.ts. */
  user: Account | null;
  /** The browser session, when the request was authenticated by cookie. */
  session: SessionInfo | null;
  /** The API token, when the request was authenticated by `Authorization: Bearer`. */
  token: ApiTokenInfo | null;
  /** Who is asking, as the access policy sees it (lib/access/policy.ts). */
  actor: Actor;
  /**
   * With ORGS_ENABLED, on pages of a signed-in session: the handles of the user's
   * organizations, for the header's owner switcher.
   */
  orgHandles?: string[];
  /**
   * Set by the public page cache (lib/http/public_cache.ts) on pages that are the same bytes
   * for every visitor: the header names no one. `key` is where this render is to be kept (a
   * miss), `hit` the page kept earlier.
   */
  publicPage?: { key?: string; hit?: CachedPage };
  /** Document title (without the product name) and description, set by handlers. */
  title?: string;
  description?: string;
}

export const define = createDefine<State>();

/** The context of this app's routes, for helpers that take one. */
export type Ctx = Context<State>;
