// Set-up for the alert tests: a runtime (app, user, token), a context with lines, and an
// alert created through the API.
import { assert } from "../helpers/assert.ts";
import { getJson, type Runtime, sendJson, sendLines } from "../contexts/fixtures.ts";

export interface CreatedAlert {
  id: string;
  webhook_secret: string;
  [key: string]: unknown;
}

/** Creates an alert through the API; fails the test unless it is created. */
export async function createAlertApi(
  rt: Runtime,
  body: Record<string, unknown>,
): Promise<CreatedAlert> {
  const res = await sendJson(rt.app, "POST", "/v1/alerts", {
    name: "Checkout errors",
    query: "checkout",
    min_severity: "error",
    threshold: 2,
    window_minutes: 5,
    ...body,
  }, rt.auth);
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

/** Sends `n` error lines mentioning checkout. */
export function sendErrors(rt: Runtime, contextId: string, n: number) {
  return sendLines(
    rt,
    contextId,
    Array.from({ length: n }, (_, i) => ({ severity: "error", message: `checkout failed ${i}` })),
  );
}

/** The alert's delivery log through the API, oldest first. */
export async function deliveriesOf(rt: Runtime, alertId: string) {
  const { status, body } = await getJson(rt, `/v1/alerts/${alertId}/deliveries?limit=200`);
  assert.equal(status, 200);
  return (body.deliveries as Record<string, unknown>[]).reverse();
}
