// The parity suite: every command that has both a form and an API door is run through each,
// from the same starting state, and both must end the same way: the same status family (a
// form's 303 after success counts as success), the same effect on the data, and the same
// audit event (or none). A refusal must change nothing at either door.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";
import { snapshot } from "../security/callers.ts";
import { listAuditEvents } from "@/lib/audit/audit.ts";

export interface Door {
  method: string;
  path: string;
  /** A form body (the page door). */
  form?: Record<string, string>;
  /** A JSON body (the API door). */
  json?: unknown;
  /** Any other body, such as a multipart upload; built afresh for each request. */
  body?: () => BodyInit | Promise<BodyInit>;
}

export interface ParityCase {
  name: string;
  /** Brings a fresh app and its signed-in user to the state the command starts from. */
  setup(app: TestApp, user: TestUser): Promise<void>;
  form: Door;
  api: Door;
  /** What the command changed, comparable across two apps (no ids, no times). */
  effect(app: TestApp, user: TestUser): Promise<unknown>;
}

interface Outcome {
  status: string;
  effect: unknown;
  audit: string | null;
  changed: boolean;
  message: string | null;
}

function family(door: Door, status: number): string {
  if (door.form && status === 303) return "success";
  if (status >= 200 && status < 300) return "success";
  return String(status);
}

async function send(app: TestApp, user: TestUser, door: Door): Promise<Response> {
  if (door.body) {
    return await app.request(door.path, {
      method: door.method,
      headers: asBrowser(app, user.cookie, false),
      body: await door.body(),
    });
  }
  if (door.form) {
    return await app.request(door.path, {
      method: door.method,
      headers: { ...asBrowser(app, user.cookie, false) },
      body: new URLSearchParams(door.form),
    });
  }
  return await app.request(door.path, {
    method: door.method,
    headers: asBrowser(app, user.cookie, door.json !== undefined),
    body: door.json === undefined ? undefined : JSON.stringify(door.json),
  });
}

/** The refusal's message as the user reads it: the API's error, or the page's alert. */
async function messageOf(res: Response, door: Door): Promise<string | null> {
  if (res.status < 400) {
    await res.body?.cancel();
    return null;
  }
  const text = await res.text();
  if (!door.form) return (JSON.parse(text) as { error: string }).error;
  const alert = /role="alert"[^>]*>([\s\S]*?)<\/(?:p|div)>/.exec(text)?.[1] ?? text;
  return alert.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
}

async function through(c: ParityCase, door: Door): Promise<Outcome> {
  await using app = await createTestApp();
  const user = await createUser(app);
  await c.setup(app, user);
  const before = await snapshot(app);
  const auditBefore = (await listAuditEvents(app.services.db, user.ownerId, { limit: 1 }))
    .events[0]?.id;
  const res = await send(app, user, door);
  const message = await messageOf(res, door);
  const [latest] = (await listAuditEvents(app.services.db, user.ownerId, { limit: 1 })).events;
  return {
    status: family(door, res.status),
    effect: await c.effect(app, user),
    audit: latest && latest.id !== auditBefore ? latest.action : null,
    changed: (await snapshot(app)) !== before,
    message,
  };
}

/** Runs a case through both doors and asserts they agree. */
export async function assertParity(c: ParityCase): Promise<Outcome> {
  const form = await through(c, c.form);
  const api = await through(c, c.api);
  assert.equal(form.status, api.status, `${c.name}: status family differs`);
  assert.deepEqual(form.effect, api.effect, `${c.name}: the effect differs`);
  assert.equal(form.audit, api.audit, `${c.name}: the audit event differs`);
  assert.equal(form.message, api.message, `${c.name}: the message differs`);
  if (form.status !== "success") {
    assert.ok(!form.changed && !api.changed, `${c.name}: a refusal changed the database`);
  }
  return form;
}
