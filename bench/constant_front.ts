// The floor of the app's own HTTP server: the landing page's bytes as a constant answer
// through lib/server/front.ts (the listener `deno task start` uses), for the shell benchmark.
import { serveGuarded } from "../lib/server/front.ts";
import { parseConfig } from "../lib/config.ts";

const body = await Deno.readTextFile(Deno.env.get("BENCH_BODY_FILE")!);
const { requestLimits } = parseConfig({});
serveGuarded(
  { hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), limits: requestLimits },
  (req) =>
    new URL(req.url).pathname === "/healthz"
      ? new Response("ok")
      : new Response(body, { headers: { "content-type": "text/html; charset=UTF-8" } }),
);
