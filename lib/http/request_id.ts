import type { MiddlewareHandler } from "hono";

/**
 * Gives every request a fresh id, shown in the X-Request-Id response header, the access log
 * and 500 pages. Incoming ids are ignored: a client must not be able to forge log entries.
 */
export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const id = crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set("x-request-id", id);
  };
}
