import type { Context } from "./context.ts";

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type Method = typeof METHODS[number];

/** What a handler returns to have the route's page rendered with `data`. */
export interface PageResponse<Data> {
  readonly data: Data;
  readonly status?: number;
  readonly headers?: HeadersInit;
}

/** Render the route's page component with `data`, like Fresh 2's `page()`. */
export function page<Data = undefined>(
  data?: Data,
  options?: { status?: number; headers?: HeadersInit },
): PageResponse<Data> {
  return { data: data as Data, status: options?.status, headers: options?.headers };
}

export function isPageResponse(value: unknown): value is PageResponse<unknown> {
  return typeof value === "object" && value !== null && "data" in value &&
    !(value instanceof Response);
}

export type HandlerResult<Data> = Response | PageResponse<Data>;

export interface HandlerFn<Data, State> {
  (ctx: Context<State>): HandlerResult<Data> | Promise<HandlerResult<Data>>;
}

export type HandlerByMethod<Data, State> = { [M in Method]?: HandlerFn<Data, State> };

export type RouteHandler<Data, State> = HandlerFn<Data, State> | HandlerByMethod<Data, State>;

export interface Middleware<State> {
  (ctx: Context<State>): Response | Promise<Response>;
}
