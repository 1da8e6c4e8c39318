// The parity suite: every command that has both a form and an API door is run through each,
// from the same starting state, and both must end the same way: the same status family (a
// form's 303 after success counts as success), the same effect on the data, and the same
// audit event (or none). A refusal must change nothing at either door (unless the case says
// the refusal is itself recorded, as a failed sign-in is).
import { desc } from "drizzle-orm";
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";
import { snapshot } from "../security/callers.ts";
import { auditEvents } from "@/lib/db/schema.ts";

export interface Door {
  method: string;
  path: string;
  /** A form body (the page door). */
  form?: Record<string, string>;
  /** A JSON body (the API door). */
  json?: unknown;
  /** Sent without the user's session cookie, as by someone not signed in. */
  anonymous?: boolean;
  /** Any other body, such as a multipart upload; built afresh for each request. */
  body?: () => BodyInit | Promise<BodyInit>;
}

/** Values the setup made that a door needs (a mailed token, an id). */
export type Vars = Record<string, string>;

export interface ParityCase {
  name: string;
  /** Brings a fresh app and its signed-in user to the state the command starts from. */
  setup(app: TestApp, user: TestUser): Promise<Vars | void>;
  form: Door | ((vars: Vars) => Door);
  api: Door | ((vars: Vars) => Door);
  /** How the user is created (by default, verified and signed in). */
  user?: Parameters<typeof createUser>[1];
  /** The refusal writes its own record (a failed sign-in counts and is audited). */
  recordsRefusal?: boolean;
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
  const headers = (json: boolean) => {
    const browser = asBrowser(app, user.cookie, json);
    if (door.anonymous) delete browser.cookie;
    return browser;
  };
  if (door.body) {
    return await app.request(door.path, {
      method: door.method,
      headers: headers(false),
      body: await door.body(),
    });
  }
  if (door.form) {
    return await app.request(door.path, {
      method: door.method,
      headers: headers(false),
      body: new URLSearchParams(door.form),
    });
  }
  return await app.request(door.path, {
    method: door.method,
    headers: headers(door.json !== undefined),
    body: door.json === undefined ? undefined : JSON.stringify(door.json),
  });
}

/**
 * The refusal's message as the user reads it: the API's error, or the page's first alert. An
 * alert beside a field reads with the field's name, as the API says it ("password: ...").
 */
async function messageOf(res: Response, door: Door): Promise<string | null> {
  if (res.status < 400) {
    await res.body?.cancel();
    return null;
  }
  const text = await res.text();
  if (!door.form) return (JSON.parse(text) as { error: string }).error;
  const found = /<(?:p|div)\b([^>]*role="alert"[^>]*)>([\s\S]*?)<\/(?:p|div)>/.exec(text);
  const field = found ? /\bid="field-([\w-]+)-error"/.exec(found[1]!)?.[1] : undefined;
  const alert = (found?.[2] ?? text).replace(/<[^>]+>/g, "").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").trim();
  return field ? `${field}: ${alert}` : alert;
}

/** The newest audit event of anyone: a sign-up or a mailed link acts for another account. */
async function latestAudit(app: TestApp) {
  const [row] = await app.services.db.select({ id: auditEvents.id, action: auditEvents.action })
    .from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row;
}

async function through(c: ParityCase, which: "form" | "api"): Promise<Outcome> {
  await using app = await createTestApp();
  const user = await createUser(app, c.user);
  const vars = (await c.setup(app, user)) ?? {};
  const chosen = c[which];
  const door = typeof chosen === "function" ? chosen(vars) : chosen;
  const before = await snapshot(app);
  const auditBefore = (await latestAudit(app))?.id;
  const res = await send(app, user, door);
  const message = await messageOf(res, door);
  const latest = await latestAudit(app);
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
  const form = await through(c, "form");
  const api = await through(c, "api");
  assert.equal(form.status, api.status, `${c.name}: status family differs`);
  assert.deepEqual(form.effect, api.effect, `${c.name}: the effect differs`);
  assert.equal(form.audit, api.audit, `${c.name}: the audit event differs`);
  assert.equal(form.message, api.message, `${c.name}: the message differs`);
  if (form.status !== "success" && !c.recordsRefusal) {
    assert.ok(!form.changed && !api.changed, `${c.name}: a refusal changed the database`);
  }
  return form;
}
