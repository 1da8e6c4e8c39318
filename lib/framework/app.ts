import { h, type VNode } from "preact";
import { jsxTemplate } from "preact/jsx-runtime";
import type { Context, PageProps, RequestInfo } from "./context.ts";
import { type HandlerFn, isPageResponse, METHODS, type Middleware, page } from "./handlers.ts";
import { type AnyPage, type ErrorPage, Folders } from "./folders.ts";
import { escapeHtml } from "../html.ts";
import { HttpError } from "./http_error.ts";
import type { BuildAssets, Manifest, RouteConfig, RouteModule } from "./manifest.ts";
import { redirectTarget } from "./redirect.ts";
import { IslandRegistry, renderDocument } from "./render.ts";
import { folderChain, parseRouteFiles } from "./route_path.ts";
import { Router } from "./router.ts";
import { serveStatic, type StaticFile } from "./static_files.ts";
import { copyHeaders } from "./headers.ts";

export interface FreshAppOptions<State> {
  manifest: Manifest;
  assets: BuildAssets;
  /** The configured public origin: every redirect must stay on it. */
  origin: string;
  staticFiles?: Map<string, StaticFile>;
  /** Sees every error that becomes a 5xx (for logging); its answer never shows internals. */
  onServerError?(error: unknown, ctx: Context<State>): void;
  /** Turns known non-HTTP errors (a busy database, say) into the HttpError to answer with. */
  mapError?(error: unknown): HttpError | null;
  /** The app's rules for route modules: each problem returned refuses to build the app. */
  checkRoute?(route: RouteInfo, module: RouteModule): string[];
  /** Runs after the middlewares, right before the handler; a Response answers instead of it. */
  beforeHandler?(
    ctx: Context<State>,
    module: RouteModule,
    method: string,
  ): Response | void | Promise<Response | void>;
}

/** A route as the app resolved it: for listings such as the authorization matrix. */
export interface RouteInfo {
  file: string;
  pattern: string;
  methods: string[];
}

export interface FreshApp<State> {
  handle(req: Request, info: RequestInfo, state: State): Promise<Response>;
  routes: RouteInfo[];
}

interface ResolvedRoute {
  file: string;
  pattern: string;
  module: RouteModule;
  page?: AnyPage;
  middlewares: Middleware<unknown>[];
  layouts: AnyPage[];
  errorPage?: ErrorPage;
  notFoundPage?: ErrorPage;
}

/** Builds the request handler from the generated manifest and the build output. */
export function createFreshApp<State>(options: FreshAppOptions<State>): FreshApp<State> {
  const { manifest, assets } = options;
  const registry = new IslandRegistry(manifest, assets);
  const staticFiles = options.staticFiles ?? new Map<string, StaticFile>();
  const redirect = (target: string, status = 302) =>
    new Response(null, {
      status,
      headers: { location: redirectTarget(target, { origin: options.origin, fallback: "/" }) },
    });
  const parsed = parseRouteFiles(Object.keys(manifest.routes));
  const folders = new Folders(manifest, parsed);
  const appComponent = folders.app;

  const router = new Router<ResolvedRoute>();
  const routes: RouteInfo[] = [];
  const problems: string[] = [];
  for (const p of parsed) {
    if (p.kind !== "route") continue;
    const mod = manifest.routes[p.file]!;
    const chain = folderChain(p.dir);
    const config: RouteConfig = mod.config ?? {};
    const allLayouts = folders.layouts(chain);
    const route: ResolvedRoute = {
      file: p.file,
      pattern: p.pattern,
      module: mod,
      page: typeof mod.default === "function" ? mod.default as AnyPage : undefined,
      middlewares: folders.middlewares(chain),
      layouts: config.skipInheritedLayouts ? [] : allLayouts,
      ...folders.errorPages(chain),
    };
    router.add(p.segments, route);
    const info = { file: p.file, pattern: p.pattern, methods: allowedMethods(route) };
    routes.push(info);
    problems.push(...options.checkRoute?.(info, mod) ?? []);
  }
  if (problems.length) throw new Error(`the routes break the app's rules:\n${problems.join("\n")}`);
  const rootMiddlewares = folders.middlewares([""]);

  function render(
    ctx: Context<State>,
    page: AnyPage,
    layouts: AnyPage[],
    data: unknown,
    skipApp: boolean,
    init: { status: number; headers: Headers },
  ): Response {
    const props: PageProps<unknown, State> = {
      data,
      url: ctx.url,
      params: ctx.params,
      state: ctx.state,
      route: ctx.route,
      error: ctx.error,
      Component: () => null,
    };
    const app = skipApp ? undefined : appComponent;
    return renderDocument(
      registry,
      assets,
      () => {
        let vnode = h(page, props) as VNode;
        for (let i = layouts.length - 1; i >= 0; i--) {
          const inner = vnode;
          vnode = h(layouts[i]!, { ...props, Component: () => inner }) as VNode;
        }
        return vnode;
      },
      app ? (html) => h(app, { ...props, Component: () => jsxTemplate([html]) }) as VNode : null,
      init,
    );
  }

  async function renderError(
    ctx: Context<State>,
    error: unknown,
    pages: Pick<ResolvedRoute, "errorPage" | "notFoundPage">,
  ): Promise<Response> {
    const mapped = error instanceof HttpError ? error : options.mapError?.(error) ?? null;
    if (!mapped || mapped.status >= 500) options.onServerError?.(error, ctx);
    // A crash is answered without its details; the cause stays for the error route to log.
    const http = mapped ?? new HttpError(500, "internal server error", { cause: error });
    const { status } = http;
    const chosen = status === 404 ? pages.notFoundPage : pages.errorPage;
    const errorCtx = { ...ctx, error: http };
    const plain = () =>
      new Response(`${status} ${escapeHtml(http.message)}`, {
        status,
        headers: withType(http.headers, "text/plain; charset=utf-8"),
      });
    if (!chosen) return plain();
    try {
      let data: unknown = undefined;
      let pageStatus = status;
      let headers = http.headers;
      if (chosen.handler) {
        const result = await chosen.handler(errorCtx as Context<unknown>);
        if (result instanceof Response) return result;
        data = result.data;
        pageStatus = result.status ?? status;
        headers = mergeHeaders(http.headers, result.headers);
      }
      if (!chosen.component) throw new Error("an error route without a page returned page()");
      return render(errorCtx, chosen.component, chosen.layouts, data, false, {
        status: pageStatus,
        headers: withType(headers, "text/html; charset=utf-8"),
      });
    } catch (renderFailure) {
      options.onServerError?.(renderFailure, ctx);
      return plain();
    }
  }

  async function dispatch(route: ResolvedRoute, ctx: Context<State>): Promise<Response> {
    const method = ctx.req.method.toUpperCase();
    const handler = route.module.handler;
    let fn: HandlerFn<unknown, State> | undefined;
    if (typeof handler === "function") fn = handler as HandlerFn<unknown, State>;
    else if (handler && typeof handler === "object" && !Array.isArray(handler)) {
      const byMethod = handler as Record<string, HandlerFn<unknown, State> | undefined>;
      fn = byMethod[method] ?? (method === "HEAD" ? byMethod.GET : undefined);
    } else if (route.page && (method === "GET" || method === "HEAD")) {
      fn = () => page(undefined);
    }
    if (!fn) {
      const allow = allowedMethods(route).join(", ");
      throw new HttpError(405, `${method} is not allowed here; allowed: ${allow}`, {
        headers: { allow },
      });
    }
    const early = await options.beforeHandler?.(ctx, route.module, method);
    if (early) return early;
    const result = await fn(ctx);
    let response: Response;
    if (result instanceof Response) response = result;
    else if (isPageResponse(result)) {
      if (!route.page) {
        throw new Error(`${route.file} returned page data but has no page component`);
      }
      response = render(
        ctx,
        route.page,
        route.layouts,
        result.data,
        !!route.module.config?.skipAppWrapper,
        {
          status: result.status ?? 200,
          headers: withType(result.headers ?? {}, "text/html; charset=utf-8"),
        },
      );
    } else {
      throw new Error(
        `${route.file}: the ${method} handler returned neither a Response nor page()`,
      );
    }
    if (method !== "HEAD" || !response.body) return response;
    // A HEAD gets the GET's head, a rendered page's length included (its body is all there).
    if (!(result instanceof Response) && !response.headers.has("content-length")) {
      response.headers.set("content-length", String((await response.arrayBuffer()).byteLength));
    } else await response.body.cancel();
    return new Response(null, { status: response.status, headers: response.headers });
  }

  function chain(
    ctx: Context<State> & { next: () => Promise<Response> },
    middlewares: Middleware<unknown>[],
    last: () => Promise<Response>,
    pages: Pick<ResolvedRoute, "errorPage" | "notFoundPage">,
  ): Promise<Response> {
    let index = 0;
    ctx.next = async () => {
      const mw = middlewares[index++];
      try {
        return mw ? await mw(ctx) : await last();
      } catch (error) {
        return renderError(ctx, error, pages);
      }
    };
    return ctx.next();
  }

  async function handle(req: Request, info: RequestInfo, state: State): Promise<Response> {
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    if (method === "GET" || method === "HEAD") {
      const file = staticFiles.get(url.pathname);
      if (file) return serveStatic(req, file);
    }
    const match = router.match(url.pathname);
    const ctx = {
      req,
      url,
      params: match?.params ?? {},
      state,
      route: match?.value.pattern ?? null,
      info,
      error: null,
      next: () => Promise.reject(new Error("next() called outside a middleware chain")),
      redirect,
    } as Context<State> & { next: () => Promise<Response> };
    if (match) {
      const route = match.value;
      return await chain(ctx, route.middlewares, () => dispatch(route, ctx), route);
    }
    return await chain(ctx, rootMiddlewares, () => {
      const trimmed = url.pathname.replace(/\/+$/, "");
      if ((method === "GET" || method === "HEAD") && trimmed && router.match(trimmed)) {
        return Promise.resolve(redirect(trimmed + url.search, 308));
      }
      throw new HttpError(404, "not found");
    }, folders.errorPagesForPath(url.pathname));
  }

  return { handle, routes };
}

function withType(headers: HeadersInit, type: string): Headers {
  const h = copyHeaders(headers);
  h.set("content-type", type);
  return h;
}

function mergeHeaders(base: HeadersInit, extra: HeadersInit | undefined): Headers {
  const h = copyHeaders(base);
  copyHeaders(extra).forEach((value, key) => h.set(key, value));
  return h;
}

function allowedMethods(route: ResolvedRoute): string[] {
  const handler = route.module.handler;
  if (typeof handler === "function") return [...METHODS];
  if (handler && typeof handler === "object" && !Array.isArray(handler)) {
    const own = METHODS.filter((m) => m in handler);
    if (own.includes("GET") && !own.includes("HEAD")) own.splice(own.indexOf("GET") + 1, 0, "HEAD");
    return own;
  }
  return route.page ? ["GET", "HEAD"] : [];
}
