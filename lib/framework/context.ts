import type { ComponentType } from "preact";

/** Where a request came from, as the server saw it. */
export interface RequestInfo {
  remoteAddr: { hostname: string; port: number };
}

/** The per-request context every middleware and handler receives (Fresh 2's `ctx`). */
export interface Context<State> {
  readonly req: Request;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly state: State;
  /** The matched route's pattern, such as `/packages/:name`; null when nothing matched. */
  readonly route: string | null;
  readonly info: RequestInfo;
  /** Set while rendering an error page: what was thrown. */
  readonly error: unknown;
  /** Run the rest of the chain (later middlewares, then the route). */
  next(): Promise<Response>;
  /** A redirect to a same-origin path; any other target (see redirectTarget) goes to `/`. */
  redirect(path: string, status?: number): Response;
}

/** Props every page, layout and `_app` component receives. */
export interface PageProps<Data = unknown, State = unknown> {
  data: Data;
  url: URL;
  params: Record<string, string>;
  state: State;
  route: string | null;
  error: unknown;
  /** The wrapped content, for `_app` and layouts. */
  Component: ComponentType;
}
