import { createTestApp, type TestApp, type TestAppOptions } from "./app.ts";
import { parseConfig } from "@/lib/config.ts";
import { serveGuarded } from "@/lib/server/front.ts";

export interface LiveServer extends AsyncDisposable {
  app: TestApp;
  /** The origin the server listens on, which is also the app's configured public origin. */
  url: string;
}

/**
 * The test app behind a real HTTP server on 127.0.0.1 and an OS-chosen port. The server
 * starts first so the app can be configured with its own origin (CSRF and links need it).
 */
export async function startServer(options: TestAppOptions = {}): Promise<LiveServer> {
  // Assigned once the origin is known; a request before that gets 503, not a TDZ error.
  // deno-lint-ignore prefer-const
  let app: TestApp | undefined;
  // Behind the same front as production, so browser flows cross its read limits too.
  const { requestLimits } = parseConfig({ ...options.env });
  const server = serveGuarded(
    { hostname: "127.0.0.1", port: 0, limits: requestLimits },
    (req, info) => app ? app.fetch(req, info) : new Response("starting", { status: 503 }),
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  app = await createTestApp({ ...options, env: { PUBLIC_ORIGIN: url, ...options.env } });
  return {
    app,
    url,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await app![Symbol.asyncDispose]();
    },
  };
}
