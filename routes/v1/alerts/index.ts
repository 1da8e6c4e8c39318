import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { createAlert, listOwnAlerts } from "@/lib/alerts/commands.ts";
import { CreateAlert } from "@/lib/alerts/input.ts";
import { AlertJson, alertJson } from "@/lib/alerts/json.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = { GET: "alert.read", POST: "alert.manage" };

export const api = describe({
  GET: {
    summary: "Your alerts",
    responses: { 200: { description: "Alerts", json: z.object({ alerts: z.array(AlertJson) }) } },
  },
  POST: {
    summary: "Create an alert (its webhook secret is shown once)",
    description: "Fires when more than `threshold` lines of `min_severity` or worse matching " +
      "`query` arrive within `window_minutes`; notifies once on each transition " +
      "(docs/alerts.md). Webhook bodies are signed (docs/webhooks.md).",
    body: {
      content: { "application/json": CreateAlert },
      example: {
        name: "Errors in checkout",
        query: "checkout",
        min_severity: "error",
        threshold: 10,
        window_minutes: 5,
        webhook_url: "https://example.com/hooks/inactu",
      },
    },
    responses: {
      201: {
        description: "Created: `webhook_secret` signs the webhook bodies; it is not shown again",
        json: AlertJson.extend({ webhook_secret: z.string() }),
      },
    },
    errors: [409],
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const list = await listOwnAlerts(ctx.state.services, ctx.state.actor);
    return Response.json({ alerts: list.map(alertJson) });
  },
  async POST(ctx) {
    const body = await readJson(ctx.req, z.unknown(), { maxBytes: 16 * 1024 });
    const alert = await createAlert(ctx.state.services, ctx.state.actor, body);
    return Response.json(
      { ...alertJson(alert), webhook_secret: alert.webhookSecret },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
