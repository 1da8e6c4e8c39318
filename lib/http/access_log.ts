import type { MiddlewareHandler } from "hono";
import type { Logger } from "../log.ts";

/** One JSON line per request. Only the path is logged: query strings can carry tokens. */
export function accessLog(logger: Logger): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info("request", {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      request_id: c.get("requestId"),
    });
  };
}
