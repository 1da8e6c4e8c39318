import { assert } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { bearer, getJson, newContext, sendJson, setUp } from "./fixtures.ts";

const CONTEXT_KEYS = [
  "id",
  "status",
  "region",
  "started_at",
  "ended_at",
  "package",
  "version",
  "last_activity",
  // Named contexts (issue 14) add these after the existing API's fields.
  "name",
  "labels",
  "runtime_name",
  "runtime_version",
  "host",
];

Deno.test("a runtime registers a context with an API token and reads it back in the existing API's shape", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const res = await sendJson(rt.app, "POST", "/v1/contexts", {
    status: " running ",
    region: " eu-west ",
  }, rt.auth);
  assert.equal(res.status, 201);
  const { context } = await res.json();
  assert.deepEqual(Object.keys(context), CONTEXT_KEYS);
  assert.match(context.id, /^[0-9a-f-]{36}$/);
  assert.equal(context.status, "running");
  assert.equal(context.region, "eu-west");
  assert.equal(context.started_at, "2026-11-25T12:00:00.000Z");
  assert.equal(context.ended_at, null);
  assert.equal(context.package, null);
  assert.equal(context.version, null);
  assert.equal(context.last_activity, context.started_at);

  const one = await getJson(rt, `/v1/contexts/${context.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.body, { context });
  const list = await getJson(rt, "/v1/contexts");
  assert.deepEqual(list.body, { contexts: [context], next_cursor: null });
  // Registering is not logged as a line (as in the existing API), but it is audited.
  const logs = await getJson(rt, `/v1/contexts/${context.id}/logs`);
  assert.deepEqual(logs.body, { context_id: context.id, logs: [], next_before_id: null });
  const audit = await getJson(rt, "/v1/audit", { cookie: rt.user.cookie });
  assert.equal(audit.body.events[0].action, "context.create");
  assert.equal(audit.body.events[0].target_id, context.id);
});

Deno.test("registering a context checks status, region and the package link with the existing messages", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const cases: [unknown, number, string][] = [
    [
      { status: "paused", region: "eu" },
      400,
      "status must be one of: starting, running, stopped, failed",
    ],
    [{ region: "eu" }, 400, "status must be one of: starting, running, stopped, failed"],
    [{ status: "running", region: "  " }, 400, "region is required"],
    [{ status: "running", region: "x".repeat(129) }, 400, "region must be at most 128 characters"],
    [
      { status: "running", region: "eu\u001b[31m" },
      400,
      "region must not contain control characters",
    ],
    [
      { status: "running", region: "eu", package: "echo.minimal" },
      400,
      "package and version must either both be set or both be omitted",
    ],
    [
      { status: "running", region: "eu", package: "echo.minimal", version: " " },
      400,
      "package and version must either both be set or both be omitted",
    ],
    [{ status: "running", region: "eu", owner_id: "x" }, 400, "unknown field owner_id"],
    [
      { status: "running", region: "eu", package: "nope", version: "1.0.0" },
      404,
      "package version not found",
    ],
  ];
  for (const [body, status, error] of cases) {
    const res = await sendJson(rt.app, "POST", "/v1/contexts", body, rt.auth);
    assert.equal(res.status, status, JSON.stringify(body));
    assert.deepEqual(await res.json(), { error });
  }
  const wrongType = await rt.app.request("/v1/contexts", {
    method: "POST",
    headers: { ...rt.auth, "content-type": "text/plain" },
    body: "{}",
  });
  assert.equal(wrongType.status, 415);
  await wrongType.body?.cancel();
  assert.deepEqual((await getJson(rt, "/v1/contexts")).body.contexts, []);
});

Deno.test("a context links one of its owner's published versions, never someone else's", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await publishTestVersion(rt.app, rt.user, "echo.minimal", "0.1.0");
  const other = await createUser(rt.app);
  await publishTestVersion(rt.app, other, "their.skill", "1.0.0", { visibility: "public" });

  const linked = await newContext(rt, {
    status: "starting",
    region: "us-east",
    package: "echo.minimal",
    version: "0.1.0",
  });
  assert.equal(linked.package, "echo.minimal");
  assert.equal(linked.version, "0.1.0");
  assert.deepEqual((await getJson(rt, `/v1/contexts/${linked.id}`)).body.context, linked);

  for (const [pkg, version] of [["echo.minimal", "9.9.9"], ["their.skill", "1.0.0"]]) {
    const res = await sendJson(rt.app, "POST", "/v1/contexts", {
      status: "running",
      region: "eu",
      package: pkg,
      version,
    }, rt.auth);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: "package version not found" });
  }
});

Deno.test("a status change sets or clears ended_at and writes the existing API's log line and an audit event, once per real change", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const patch = (status: string) =>
    sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, { status }, rt.auth);

  rt.app.clock.advance(60_000);
  const stopped = await patch("stopped");
  assert.equal(stopped.status, 200);
  const body = (await stopped.json()).context;
  assert.equal(body.status, "stopped");
  assert.equal(body.ended_at, "2026-11-25T12:01:00.000Z");
  assert.equal(body.last_activity, "2026-11-25T12:01:00.000Z");

  rt.app.clock.advance(60_000);
  const again = await (await patch(" stopped ")).json();
  assert.equal(again.context.ended_at, "2026-11-25T12:01:00.000Z", "ended_at keeps the first stop");
  assert.equal(again.context.last_activity, "2026-11-25T12:01:00.000Z");

  const running = await (await patch("running")).json();
  assert.equal(running.context.ended_at, null);
  const failed = await (await patch("failed")).json();
  assert.equal(failed.context.ended_at, "2026-11-25T12:02:00.000Z");

  const logs = (await getJson(rt, `/v1/contexts/${context.id}/logs`)).body.logs;
  assert.deepEqual(
    logs.map((l: { severity: string; message: string }) => [l.severity, l.message]),
    [
      ["error", "context status changed: running -> failed"],
      ["info", "context status changed: stopped -> running"],
      ["warn", "context status changed: running -> stopped"],
    ],
  );
  assert.deepEqual(Object.keys(logs[2]), ["id", "ts", "severity", "message", "metadata_json"]);
  assert.deepEqual(logs[2].metadata_json, {
    event: "context.status_changed",
    from: "running",
    to: "stopped",
    actor_user_id: rt.user.userId,
    source: "control-plane",
  });
  assert.equal(logs[2].ts, "2026-11-25T12:01:00.000Z");

  const audit = (await getJson(rt, "/v1/audit", { cookie: rt.user.cookie })).body.events;
  const changes = audit.filter((e: { action: string }) => e.action === "context.status");
  assert.equal(changes.length, 3);
  assert.deepEqual(changes[2].metadata, { from: "running", to: "stopped" });
  assert.ok(changes[2].actor_token_id, "the audit event names the token that acted");

  const bad = await patch("paused");
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), {
    error: "status must be one of: starting, running, stopped, failed",
  });
  const extra = await sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, {
    status: "running",
    region: "elsewhere",
  }, rt.auth);
  assert.equal(extra.status, 400);
  assert.deepEqual(await extra.json(), { error: "unknown field region" });
});

Deno.test("another owner's context answers exactly like a missing one, and a malformed id too", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const other = await createUser(rt.app);
  const theirs = bearer(await createToken(rt.app, other, ["contexts:read", "contexts:write"]));
  const missing = crypto.randomUUID();
  const paths = (id: string): [string, string][] => [
    ["GET", `/v1/contexts/${id}`],
    ["PATCH", `/v1/contexts/${id}`],
    ["GET", `/v1/contexts/${id}/logs`],
    ["POST", `/v1/contexts/${id}/logs`],
    ["GET", `/v1/contexts/${id}/logs/stream`],
    ["GET", `/v1/contexts/${id}/logs/export?format=csv`],
  ];
  for (
    const [id, headers] of [[context.id, theirs], [missing, rt.auth], [
      "not-a-uuid",
      rt.auth,
    ]] as const
  ) {
    for (const [method, path] of paths(id)) {
      const res = await rt.app.request(path, {
        method,
        headers: { ...headers, "content-type": "application/json" },
        body: method === "GET" ? undefined : JSON.stringify(
          method === "PATCH" ? { status: "failed" } : { severity: "info", message: "x" },
        ),
      });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.deepEqual(await res.json(), { error: "context not found" });
    }
  }
  assert.deepEqual((await getJson(rt, `/v1/contexts/${context.id}`)).body.context, context);
  assert.deepEqual((await getJson(rt, "/v1/contexts", theirs)).body.contexts, []);
});

Deno.test("the context list filters by status, region and package, sorts, and pages with cursors", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await publishTestVersion(rt.app, rt.user, "echo.minimal", "0.1.0");
  const made = [];
  for (
    const [status, region] of [
      ["running", "eu"],
      ["stopped", "eu"],
      ["running", "us"],
      ["failed", "us"],
      ["starting", "eu"],
    ]
  ) {
    rt.app.clock.advance(1000);
    made.push(await newContext(rt, { status, region }));
  }
  rt.app.clock.advance(1000);
  const linked = await newContext(rt, {
    status: "running",
    region: "ap",
    package: "echo.minimal",
    version: "0.1.0",
  });
  const ids = async (query: string) =>
    (await getJson(rt, `/v1/contexts${query}`)).body.contexts.map((c: { id: string }) => c.id);

  assert.deepEqual(await ids(""), [linked, ...made.toReversed()].map((c) => c.id));
  assert.deepEqual(await ids("?status=running"), [linked.id, made[2].id, made[0].id]);
  assert.deepEqual(await ids("?region=us"), [made[3].id, made[2].id]);
  assert.deepEqual(await ids("?status=running&region=eu"), [made[0].id]);
  assert.deepEqual(await ids("?package=echo.minimal"), [linked.id]);
  assert.deepEqual(await ids("?sort=started"), [...made, linked].map((c) => c.id));

  // Activity moves a context to the top of the activity sort.
  rt.app.clock.advance(1000);
  await sendJson(rt.app, "POST", `/v1/contexts/${made[1].id}/logs`, {
    severity: "info",
    message: "still here",
  }, rt.auth);
  assert.equal((await ids("?sort=-activity"))[0], made[1].id);

  // Pages of two, following next_cursor to the end.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await getJson(
      rt,
      `/v1/contexts?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    assert.equal(page.status, 200);
    seen.push(...page.body.contexts.map((c: { id: string }) => c.id));
    cursor = page.body.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, await ids(""));

  const first = (await getJson(rt, "/v1/contexts?limit=2")).body.next_cursor;
  for (
    const query of [
      `limit=2&cursor=A${first}`,
      "cursor=not-a-cursor",
      `sort=activity&cursor=${first}`,
    ]
  ) {
    const res = await getJson(rt, `/v1/contexts?${query}`);
    assert.equal(res.status, 400, query);
    assert.match(res.body.error, /^query parameter cursor: is not a cursor this list gave out/);
  }
  for (
    const [query, error] of <[string, string][]> [
      ["limit=0", "query parameter limit: must be a whole number from 1 to 200"],
      ["limit=201", "query parameter limit: must be a whole number from 1 to 200"],
      ["limit=abc", "query parameter limit: must be a whole number from 1 to 200"],
      [
        "status=paused",
        "query parameter status: must be one of: starting, running, stopped, failed",
      ],
      ["sort=name", "query parameter sort: must be one of: -started, started, -activity, activity"],
    ]
  ) {
    const res = await getJson(rt, `/v1/contexts?${query}`);
    assert.equal(res.status, 400, query);
    assert.deepEqual(res.body, { error });
  }
});

Deno.test("tokens need contexts:write to report and contexts:read to read", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const readOnly = bearer(await createToken(rt.app, rt.user, ["contexts:read"]));
  const writeOnly = bearer(await createToken(rt.app, rt.user, ["contexts:write"]));
  const post = await sendJson(rt.app, "POST", "/v1/contexts", {
    status: "running",
    region: "eu",
  }, readOnly);
  assert.equal(post.status, 403);
  assert.deepEqual(await post.json(), { error: "this API token lacks the contexts:write scope" });
  const read = await getJson(rt, `/v1/contexts/${context.id}/logs`, writeOnly);
  assert.equal(read.status, 403);
  assert.deepEqual(read.body, { error: "this API token lacks the contexts:read scope" });
  const anon = await getJson(rt, "/v1/contexts", {});
  assert.equal(anon.status, 401);
});
