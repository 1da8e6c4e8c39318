import { alerts } from "@/lib/db/schema.ts";
import { type MatrixPart, r } from "./types.ts";

/** The search across contexts and alerts: the pages and the API. */
export const alertRoutes: MatrixPart = {
  rows: {
    //                                        anon owner other revoked expired noScope token
    // Pages: signed-out callers go to sign in, tokens are refused; another user's alert is
    // 404 like a missing one. An empty form is 400: no name, or no action (the action is
    // checked before the alert is looked up, so another user learns nothing either way).
    "GET /logs": r(303, 200, 200, 303, 303, 403, 403),
    "GET /logs/alerts": r(303, 200, 200, 303, 303, 403, 403),
    "GET /logs/alerts/new": r(303, 200, 200, 303, 303, 403, 403),
    "POST /logs/alerts/new": r(303, 400, 400, 303, 303, 403, 403),
    "GET /logs/alerts/:alert_id": r(303, 200, 404, 303, 303, 403, 403),
    "POST /logs/alerts/:alert_id": r(303, 400, 400, 303, 303, 403, 403),

    // API: reading takes contexts:read, changing alerts contexts:write. `{}` is 400 for a
    // create (no name) and a change of nothing for PATCH (200).
    "GET /v1/logs": r(401, 200, 200, 401, 401, 403, 200),
    "GET /v1/alerts": r(401, 200, 200, 401, 401, 403, 200),
    "POST /v1/alerts": r(401, 400, 400, 401, 401, 403, 400),
    "GET /v1/alerts/:alert_id": r(401, 200, 404, 401, 401, 403, 200),
    "PATCH /v1/alerts/:alert_id": r(401, 200, 404, 401, 401, 403, 200),
    "DELETE /v1/alerts/:alert_id": r(401, 204, 404, 401, 401, 403, 204),
    "GET /v1/alerts/:alert_id/deliveries": r(401, 200, 404, 401, 401, 403, 200),
  },
  params: async (app, owner) => {
    const id = crypto.randomUUID();
    const now = app.clock.now();
    await app.services.db.insert(alerts).values({
      id,
      ownerId: owner.ownerId,
      name: "matrix",
      query: null,
      minLevel: 3,
      contextId: null,
      threshold: 1,
      windowMinutes: 5,
      notifyEmail: true,
      webhookUrl: null,
      webhookSecret: "whsec_matrix",
      state: "ok",
      stateChangedAt: null,
      lastEvaluatedAt: null,
      lastCount: null,
      lastNotificationId: null,
      createdAt: now,
      updatedAt: now,
    });
    return { alert_id: id };
  },
};
