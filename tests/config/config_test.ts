import { assert } from "../helpers/assert.ts";
import { parseConfig } from "@/lib/config.ts";

Deno.test("an empty environment gives the embedded defaults npm start runs on", () => {
  const c = parseConfig({});
  assert.equal(c.env, "development");
  assert.equal(c.port, 8000);
  assert.equal(c.publicOrigin, "http://localhost:8000");
  assert.equal(c.secureCookies, false);
  assert.deepEqual(c.database, {
    url: "file:data/inactu.db",
    authToken: undefined,
    busyTimeoutMs: 5000,
  });
  assert.deepEqual(c.blobs, { kind: "local", dir: "data/blobs" });
  assert.equal(c.mail.kind, "console");
  assert.equal(c.trustedProxies, 0);
  assert.equal(c.experimentalManifests, false);
  assert.equal(c.logRetentionDays, 30);
});

Deno.test("a bad variable fails fast with a message that names it and says what is allowed", () => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: "eighty" }, "PORT: must be a whole number from 1 to 65535"],
    [{ PORT: "70000" }, "PORT: must be at most 65535"],
    [{ PUBLIC_ORIGIN: "http://x.example/app" }, "PUBLIC_ORIGIN: must be an origin only"],
    [{ PUBLIC_ORIGIN: "ftp://x.example" }, "PUBLIC_ORIGIN: must be an http(s) origin"],
    [{ DATABASE_URL: "postgres://x" }, "DATABASE_URL: must start with file:, libsql://"],
    [{ BLOB_STORE: "s3" }, "S3_BUCKET: is required when BLOB_STORE=s3"],
    [
      { APP_ENV: "production", SMTP_URL: "smtp://mail" },
      "PUBLIC_ORIGIN: must be https:// when APP_ENV=production",
    ],
    [
      { APP_ENV: "production", PUBLIC_ORIGIN: "https://x.example" },
      "SMTP_URL: is required when APP_ENV=production",
    ],
    [{ EXPERIMENTAL_MANIFESTS: "yes" }, "EXPERIMENTAL_MANIFESTS"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL: must start with smtp:// or smtps://"],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => parseConfig(env), (e: Error) => {
      assert.ok(e.message.includes(message), `${JSON.stringify(env)} gave:\n${e.message}`);
      return true;
    });
  }
});

Deno.test("https origins turn on secure cookies; S3 and SMTP settings are read when chosen", () => {
  const c = parseConfig({
    PUBLIC_ORIGIN: "https://control.example.com/",
    BLOB_STORE: "s3",
    S3_BUCKET: "blobs",
    S3_ENDPOINT: "http://127.0.0.1:9000",
    S3_FORCE_PATH_STYLE: "true",
    SMTP_URL: "smtp://127.0.0.1:2525",
    DATABASE_URL: "libsql://db.example.turso.io",
    DATABASE_AUTH_TOKEN: "t",
  });
  assert.equal(c.publicOrigin, "https://control.example.com");
  assert.equal(c.secureCookies, true);
  assert.deepEqual(c.blobs, {
    kind: "s3",
    bucket: "blobs",
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9000",
    forcePathStyle: true,
    accessKeyId: undefined,
    secretAccessKey: undefined,
  });
  assert.deepEqual(c.mail, {
    kind: "smtp",
    url: "smtp://127.0.0.1:2525",
    from: "inactu-control <no-reply@localhost>",
  });
  assert.deepEqual(c.database, {
    url: "libsql://db.example.turso.io",
    authToken: "t",
    busyTimeoutMs: 5000,
  });
});

Deno.test("without PUBLIC_ORIGIN the origin follows PORT, so forms work on any port", () => {
  assert.equal(parseConfig({ PORT: "8321" }).publicOrigin, "http://localhost:8321");
  assert.equal(
    parseConfig({ PORT: "8321", PUBLIC_ORIGIN: "https://x.example" }).publicOrigin,
    "https://x.example",
  );
});

Deno.test("request read limits default to 20 s for headers, 20 s plus 1 s per 500 body bytes, 16 unfinished", () => {
  assert.deepEqual(parseConfig({}).requestLimits, {
    headTimeoutMs: 20000,
    bodyTimeoutMs: 20000,
    bodyMinRate: 500,
    unfinishedPerClient: 16,
  });
  const c = parseConfig({
    REQUEST_HEAD_TIMEOUT_MS: "300",
    REQUEST_BODY_TIMEOUT_MS: "400",
    REQUEST_BODY_MIN_RATE: "1000",
    UNFINISHED_REQUESTS_PER_CLIENT: "3",
  });
  assert.deepEqual(c.requestLimits, {
    headTimeoutMs: 300,
    bodyTimeoutMs: 400,
    bodyMinRate: 1000,
    unfinishedPerClient: 3,
  });
  const cases: [Record<string, string>, string][] = [
    [{ REQUEST_HEAD_TIMEOUT_MS: "0" }, "REQUEST_HEAD_TIMEOUT_MS: must be at least 100"],
    [{ REQUEST_BODY_TIMEOUT_MS: "soon" }, "REQUEST_BODY_TIMEOUT_MS: must be a whole number"],
    [{ REQUEST_BODY_MIN_RATE: "0" }, "REQUEST_BODY_MIN_RATE: must be at least 1"],
    [{ UNFINISHED_REQUESTS_PER_CLIENT: "0" }, "UNFINISHED_REQUESTS_PER_CLIENT: must be at least 1"],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => parseConfig(env), (e: Error) => e.message.includes(message));
  }
});
