// Login, resend, forgot-password and sign-up must do the same work for a registered and an
// unknown address, so their answer time does not tell (security issue, finding 9). Timing
// itself is measured in bench/auth_paths.ts; these tests check the cause: the same SQL
// statements, in the same order, on both paths.
import type { InStatement } from "@libsql/client";
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, postJson } from "../helpers/accounts.ts";

/** Records the SQL text of every statement the app sends to the database while `run` runs. */
async function statementsOf(app: TestApp, run: () => Promise<Response>): Promise<string[]> {
  const client = app.services.database.client;
  const { execute, batch } = client;
  const seen: string[] = [];
  const text = (s: InStatement) => typeof s === "string" ? s : s.sql;
  client.execute = ((s: InStatement) => {
    seen.push(text(s));
    return (execute as (s: InStatement) => ReturnType<typeof execute>).call(client, s);
  }) as typeof client.execute;
  client.batch = ((stmts: InStatement[], mode) => {
    seen.push(...stmts.map((s) => `(batch) ${text(s)}`));
    return batch.call(client, stmts, mode);
  }) as typeof client.batch;
  try {
    const res = await run();
    await res.body?.cancel();
  } finally {
    client.execute = execute;
    client.batch = batch;
  }
  return seen;
}

function writes(statements: string[]): string[] {
  return statements.filter((s) => /^(\(batch\) )?\s*(insert|update|delete)/i.test(s));
}

let ip = 0;
const nextIp = () => `10.8.0.${++ip}`;

Deno.test("a failed login runs the same statements for a registered and an unknown address", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const login = (email: string) =>
    postJson(app, "/v1/auth/login", { email, password: "not the password!" }, {}, nextIp());
  const known = await statementsOf(app, () => login(user.email));
  const unknown = await statementsOf(app, () => login("nobody@example.com"));
  assert.deepEqual(unknown, known);
  assert.ok(writes(known).some((s) => /insert into "audit_events"/i.test(s)));
});

Deno.test("resending a verification link runs the same statements for any address", async () => {
  await using app = await createTestApp();
  const verified = await createUser(app);
  const waiting = await createUser(app, { verified: false });
  const resend = (email: string) =>
    postJson(app, "/v1/auth/verify/resend", { email }, {}, nextIp());
  const sent = app.mailer.messages.length;
  const forWaiting = await statementsOf(app, () => resend(waiting.email));
  assert.equal(app.mailer.messages.length, sent + 1);
  assert.deepEqual(await statementsOf(app, () => resend(verified.email)), forWaiting);
  assert.deepEqual(await statementsOf(app, () => resend("nobody@example.com")), forWaiting);
  assert.equal(app.mailer.messages.length, sent + 1);
});

Deno.test("forgot-password runs the same statements for a registered and an unknown address", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const forgot = (email: string) =>
    postJson(app, "/v1/auth/password/forgot", { email }, {}, nextIp());
  const known = await statementsOf(app, () => forgot(user.email));
  assert.deepEqual(await statementsOf(app, () => forgot("nobody@example.com")), known);
});

Deno.test("sign-up runs the same statements and sends one mail for a registered and a new address", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const signUp = (email: string, handle: string) =>
    postJson(
      app,
      "/v1/auth/signup",
      {
        email,
        handle,
        password: "correct horse battery staple",
      },
      {},
      nextIp(),
    );
  const sent = app.mailer.messages.length;
  const registered = await statementsOf(app, () => signUp(user.email, "handle-one"));
  assert.equal(app.mailer.messages.length, sent + 1);
  const fresh = await statementsOf(app, () => signUp("new@example.com", "handle-two"));
  assert.equal(app.mailer.messages.length, sent + 2);
  assert.deepEqual(fresh, registered);
  assert.equal(writes(fresh).filter((s) => s.startsWith("(batch)")).length, 4);
});
