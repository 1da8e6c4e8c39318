import { assert } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { ApiError, ControlClient, runSimulator } from "@/scripts/simulate.ts";

Deno.test("the example runtime registers contexts, streams lines, and reports them stopped when it ends", async () => {
  await using server = await startServer({ realClock: true });
  const user = await createUser(server.app);
  const token = await createToken(server.app, user, ["contexts:read", "contexts:write"]);
  const messages: string[] = [];
  await runSimulator({
    url: server.url,
    token,
    contexts: 2,
    rate: 20,
    durationMs: 2500,
    log: (m) => messages.push(m),
  });
  const list = await server.app.request("/v1/contexts", {
    headers: { authorization: `Bearer ${token}` },
  });
  const { contexts } = await list.json();
  assert.equal(contexts.length, 2);
  for (const c of contexts) {
    assert.equal(c.status, "stopped");
    const logs = await (await server.app.request(`/v1/contexts/${c.id}/logs?limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    })).json();
    const text = logs.logs.map((l: { message: string }) => l.message);
    assert.ok(text.includes("context status changed: starting -> running"));
    assert.ok(text.includes("context status changed: running -> stopped"));
    assert.ok(logs.logs.length > 10, `only ${logs.logs.length} lines`);
  }
  assert.equal(messages.at(-1), "stopped 2 contexts");
});

Deno.test("the example client waits as long as a 429's Retry-After says, and reports other errors", async () => {
  let calls = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    calls++;
    if (new URL(req.url).pathname === "/bad") {
      return Response.json({ error: "status must be one of: starting, running, stopped, failed" }, {
        status: 400,
      });
    }
    return calls === 1
      ? Response.json({ error: "slow down" }, { status: 429, headers: { "retry-after": "1" } })
      : Response.json({ ok: true }, { status: 201 });
  });
  try {
    const client = new ControlClient(`http://127.0.0.1:${server.addr.port}`, "t");
    const started = performance.now();
    assert.deepEqual(await client.request("POST", "/logs", {}), { ok: true });
    const waited = performance.now() - started;
    assert.ok(waited >= 950, `waited only ${waited} ms`);
    assert.equal(calls, 2);
    await assert.rejects(
      client.request("POST", "/bad", {}),
      (e) => e instanceof ApiError && e.status === 400 && /status must be one of/.test(e.message),
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("the simulator takes its token from INACTU_TOKEN and never prints it, and refuses --token", async () => {
  await using server = await startServer({ realClock: true });
  const user = await createUser(server.app);
  const token = await createToken(server.app, user, ["contexts:write"]);
  const root = new URL("../..", import.meta.url).pathname;
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Deno.Command(`${root}node_modules/.bin/deno`, {
      args,
      cwd: root,
      env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output().then((o) => ({
      code: o.code,
      text: new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr),
    }));

  const ran = await run(
    ["task", "simulate", "--url", server.url, "--contexts", "1", "--duration", "1"],
    { INACTU_TOKEN: token },
  );
  assert.equal(ran.code, 0, ran.text);
  assert.match(ran.text, /stopped 1 contexts/);
  assert.ok(!ran.text.includes(token), `the token was printed:\n${ran.text}`);

  const refused = await run([
    "run",
    "-A",
    "scripts/simulate.ts",
    "--url",
    server.url,
    "--token",
    token,
    "--duration",
    "1",
  ]);
  assert.equal(refused.code, 2);
  assert.match(refused.text, /Set INACTU_TOKEN instead/);
  assert.ok(!refused.text.includes(token), `the token was printed:\n${refused.text}`);
});
