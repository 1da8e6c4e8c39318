import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { alertFor, deleteAlert, updateAlert } from "@/lib/alerts/commands.ts";
import { UpdateAlert } from "@/lib/alerts/input.ts";
import { AlertJson, alertJson } from "@/lib/alerts/json.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = {
  GET: "alert.read",
  PATCH: "alert.manage",
  DELETE: "alert.manage",
};

export const api = describe({
  GET: {
    summary: "One alert",
    responses: { 200: { description: "The alert", json: z.object({ alert: AlertJson }) } },
  },
  PATCH: {
    summary: "Change an alert (the fields sent)",
    body: { content: { "application/json": UpdateAlert }, example: { threshold: 20 } },
    responses: { 200: { description: "The alert", json: z.object({ alert: AlertJson }) } },
  },
  DELETE: {
    summary: "Delete an alert and its delivery log",
    responses: { 204: { description: "Deleted" } },
  },
});

export const handler = define.handlers({
  async GET(ctx) {
    const alert = await alertFor(
      ctx.state.services,
      ctx.state.actor,
      "alert.read",
      ctx.params.alert_id!,
    );
    return Response.json({ alert: alertJson(alert) });
  },
  async PATCH(ctx) {
    const changes = await readJson(ctx.req, z.unknown(), { maxBytes: 16 * 1024 });
    const alert = await updateAlert(ctx.state.services, ctx.state.actor, {
      id: ctx.params.alert_id!,
      changes,
    });
    return Response.json({ alert: alertJson(alert) });
  },
  async DELETE(ctx) {
    await deleteAlert(ctx.state.services, ctx.state.actor, { id: ctx.params.alert_id! });
    return new Response(null, { status: 204 });
  },
});
