// Shared set-up for the context and log tests: an app, a user with read and write tokens,
// and helpers that go through the public API like a runtime would.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createToken, createUser, type TestUser } from "../helpers/accounts.ts";

export interface Runtime {
  app: TestApp;
  user: TestUser;
  /** contexts:read + contexts:write */
  token: string;
  auth: Record<string, string>;
}

export async function setUp(env: Record<string, string> = {}): Promise<Runtime> {
  const app = await createTestApp({ env });
  const user = await createUser(app);
  const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
  return { app, user, token, auth: bearer(token) };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Sends JSON with the given method. */
export function sendJson(
  app: TestApp,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
) {
  return app.request(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Registers a context through the API and returns its JSON. */
export async function newContext(
  rt: Runtime,
  body: Record<string, unknown> = { status: "running", region: "eu-west" },
  headers = rt.auth,
) {
  const res = await sendJson(rt.app, "POST", "/v1/contexts", body, headers);
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).context;
}

/** Sends lines (a batch) through the API; returns the ids of the first and last. */
export async function sendLines(
  rt: Runtime,
  contextId: string,
  lines: Array<Record<string, unknown>>,
): Promise<{ first: number; last: number }> {
  const res = await sendJson(rt.app, "POST", `/v1/contexts/${contextId}/logs`, lines, rt.auth);
  assert.equal(res.status, 201, await res.clone().text());
  const body = await res.json();
  return { first: body.first_id, last: body.last_id };
}

/** GETs a JSON path with the runtime's token and returns status and body. */
export async function getJson(rt: Runtime, path: string, headers = rt.auth) {
  const res = await rt.app.request(path, { headers });
  return { status: res.status, body: await res.json() };
}
