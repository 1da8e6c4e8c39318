// The baseline for the shell benchmark: plain Hono answering a constant string (the landing
// page's bytes, captured from the real app) with the same headers the app sends.
import { Hono } from "hono";

const body = await Deno.readTextFile(Deno.env.get("BENCH_BODY_FILE")!);
const app = new Hono();
app.get("/healthz", (c) => c.text("ok"));
app.get("/", (c) => c.html(body));
Deno.serve(
  { hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen: () => {} },
  app.fetch,
);
