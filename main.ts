// Entry point: configuration -> database and migrations -> services -> app -> the server.
// First, before any island loads @preact/signals (see the module).
import "./lib/framework/preact_server.ts";
import manifest from "./routes.gen.ts";
import { type Config, readConfig } from "./lib/config.ts";
import { type Database, isBusyError, openDatabase } from "./lib/db/client.ts";
import { HttpError } from "./lib/framework/http_error.ts";
import { migrateDatabase } from "./lib/db/migrate.ts";
import type { State } from "./lib/define.ts";
import type { Services } from "./lib/services.ts";
import { createFreshApp, type FreshAppOptions, type RouteInfo } from "./lib/framework/app.ts";
import { BUILD_DIR, PUBLIC_PREFIX, readBuildAssets } from "./lib/framework/manifest.ts";
import { loadStaticFiles } from "./lib/framework/static_files.ts";
import type { RequestInfo } from "./lib/framework/context.ts";
import { createBlobStore } from "./lib/artifacts/create.ts";
import type { BlobStore } from "./lib/artifacts/blob_store.ts";
import { createMailer } from "./lib/mail/create.ts";
import type { Mailer } from "./lib/mail/mailer.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { createLogger, errorFields, type Logger } from "./lib/log.ts";
import { logRequest } from "./lib/http/access_log.ts";
import { httpErrorOf } from "./lib/http/errors.ts";
import { accessProblems, enforce, requirementFor } from "./lib/http/access.ts";
import { applyBaseline, baselineHeaders } from "./lib/http/security_headers.ts";
import { compress } from "./lib/http/compression.ts";
import { clientIp } from "./lib/http/client_ip.ts";
import { newRequestId } from "./lib/http/request_id.ts";
import { startLogRetention } from "./lib/logs/retention.ts";
import { startBlobCollection } from "./lib/artifacts/gc.ts";
import { startAccountPurge } from "./lib/auth/purge.ts";
import { DownloadCounter, startDownloadFlush } from "./lib/packages/downloads.ts";
import { startAlertEvaluator } from "./lib/alerts/schedule.ts";
import { serveGuarded } from "./lib/server/front.ts";
import { publicFastPath } from "./lib/http/public_fast.ts";
import { withoutOrgRoutes } from "./lib/http/org_routes.ts";
import { bindLogStore } from "./lib/logs/store.ts";
import { openClickHouseStore } from "./lib/logs/clickhouse/store.ts";

/** Parts a caller (a test, a benchmark) may supply instead of the configured ones. */
export interface AppDeps {
  database?: Database;
  blobs?: BlobStore;
  mailer?: Mailer;
  clock?: Clock;
  logger?: Logger;
  /** Project root holding routes.gen.ts' build output (_fresh/) and static/. */
  root?: string;
}

export interface App {
  fetch(req: Request, info?: RequestInfo): Promise<Response>;
  services: Services;
  routes: RouteInfo[];
  close(): void;
}

const ROOT = new URL(".", import.meta.url).pathname.replace(/\/$/, "");
const LOOPBACK: RequestInfo = { remoteAddr: { hostname: "127.0.0.1", port: 0 } };

/** The JSON API: its errors answer `{"error"}` (routes/v1/_error.ts) and it never redirects. */
function isApi(url: URL): boolean {
  return url.pathname === "/v1" || url.pathname.startsWith("/v1/");
}

/**
 * Every route declares who may call it (lib/http/access.ts): a route without a declaration
 * refuses to build (here and in `deno task build`), and the declaration is enforced before
 * each handler runs.
 */
export const ROUTE_RULES: Pick<FreshAppOptions<State>, "checkRoute" | "beforeHandler"> = {
  checkRoute: (route, module) => accessProblems(route, module.access),
  beforeHandler: (ctx, module, method) =>
    enforce(ctx, requirementFor(module.access, method)!, isApi(ctx.url)),
};

/** Assembles the app: the same factory serves production, tests and benchmarks. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const root = deps.root ?? ROOT;
  const logger = deps.logger ?? createLogger();
  const database = deps.database ?? await openDatabase(config.database);
  await migrateDatabase(database);
  if (config.logStore.kind === "clickhouse") {
    bindLogStore(database.db, await openClickHouseStore(database.db, config.logStore.url));
  }
  const clock = deps.clock ?? systemClock;
  const services: Services = {
    config,
    database,
    db: database.db,
    blobs: deps.blobs ?? await createBlobStore(config.blobs),
    mailer: deps.mailer ?? await createMailer(config.mail, logger),
    clock,
    logger,
    downloads: new DownloadCounter(clock),
  };
  const [assets, staticFiles] = await Promise.all([
    readBuildAssets(root),
    loadStaticFiles([
      { dir: `${root}/static`, prefix: "/", immutable: false },
      { dir: `${root}/${BUILD_DIR}/public`, prefix: PUBLIC_PREFIX, immutable: true },
    ]),
  ]);
  const fresh = createFreshApp<State>({
    manifest: config.orgsEnabled ? manifest : withoutOrgRoutes(manifest),
    assets,
    origin: config.publicOrigin,
    staticFiles,
    mapError: (error) =>
      httpErrorOf(error) ??
        (isBusyError(error)
          ? new HttpError(503, "the database is busy; try again in a moment", {
            headers: { "retry-after": "1" },
          })
          : null),
    ...ROUTE_RULES,
    onServerError(error, ctx) {
      logger.error("unhandled error", { ...errorFields(error), request_id: ctx.state.requestId });
    },
  });

  // Around every request, in this order: an id, the route (through the framework), the
  // compression the client accepts, the baseline headers, the id header, the access log. Plain
  // calls, not a middleware chain: they ran on every request (docs/benchmarks.md).
  const baseline = baselineHeaders({ hsts: config.secureCookies });
  const accessLogger = config.accessLog ? logger : null;
  async function handle(req: Request, info: RequestInfo): Promise<Response> {
    const startedAt = performance.now();
    const requestId = newRequestId();
    let res: Response;
    try {
      const ip = clientIp(req, info.remoteAddr.hostname, config.trustedProxies);
      const userAgent = req.headers.get("user-agent")?.slice(0, 256) ?? null;
      res = await compress(
        req,
        await fresh.handle(req, info, {
          services,
          requestId,
          clientIp: ip,
          userAgent,
          user: null,
          session: null,
          token: null,
          actor: { kind: "anonymous", ip, userAgent },
        }),
      );
    } catch (error) {
      logger.error("unhandled error", { ...errorFields(error), request_id: requestId });
      res = Response.json({ error: "internal server error" }, { status: 500 });
    }
    applyBaseline(res.headers, baseline);
    res.headers.set("x-request-id", requestId);
    if (accessLogger) logRequest(accessLogger, req, res, startedAt, requestId);
    return res;
  }

  const fast = publicFastPath(services, accessLogger);
  return {
    fetch: async (req, info) => (await fast(req)) ?? await handle(req, info ?? LOOPBACK),
    services,
    routes: fresh.routes,
    close: () => database.close(),
  };
}

/** Reads the configuration and serves until the process ends. */
export async function serve(): Promise<void> {
  const logger = createLogger();
  let config: Config;
  try {
    config = readConfig();
  } catch (e) {
    logger.error("startup failed", { error: e instanceof Error ? e.message : String(e) });
    Deno.exit(1);
  }
  const app = await createApp(config, { logger });
  startLogRetention(app.services);
  startBlobCollection(app.services);
  startAccountPurge(app.services);
  startAlertEvaluator(app.services);
  const stopFlush = startDownloadFlush(app.services);
  const server = serveGuarded({
    port: config.port,
    hostname: config.bindAddress,
    limits: config.requestLimits,
    onListen: ({ hostname, port }) =>
      logger.info("listening", {
        url: `http://${hostname}:${port}`,
        public_origin: config.publicOrigin,
      }),
  }, app.fetch);
  // Stop gracefully, so the download counts still in memory reach the database.
  const stop = async () => {
    stopFlush();
    await Promise.race([server.shutdown(), new Promise((r) => setTimeout(r, 5000))]);
    await app.services.downloads.flush(app.services.db).catch((error) =>
      logger.error("download count flush failed at shutdown", errorFields(error))
    );
    app.close();
    Deno.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(signal, stop);
}

if (import.meta.main) await serve();
