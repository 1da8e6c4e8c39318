import type { Logger } from "../log.ts";

/** One JSON line per request. Only the path is logged: query strings can carry tokens. */
export function logRequest(
  logger: Logger,
  req: Request,
  res: Response,
  startedAt: number,
  requestId: string,
): void {
  logger.info("request", {
    method: req.method,
    path: new URL(req.url).pathname,
    status: res.status,
    duration_ms: Math.round((performance.now() - startedAt) * 100) / 100,
    request_id: requestId,
  });
}
