import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createToken, createUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";
import { packArchive } from "@/lib/packages/bundle/pack.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { decodeHex, encodeBase64 } from "@oslojs/encoding";

Deno.test("publishing from CI with a token creates a private package and stores the version immutably", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, ["packages:publish", "packages:read"]);
  const archive = await bundleArchive("echo.minimal", "0.1.0");
  const res = await app.request("/v1/packages/echo.minimal/versions", {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: bundleForm(archive),
  });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.equal(body.package, "echo.minimal");
  assert.equal(body.version, "0.1.0");
  assert.match(body.artifact_digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(body.created_package, true);
  assert.equal(body.package_info.visibility, "private");
  assert.equal(body.version_info.archive_digest, await sha256Digest(archive));
  assert.equal(body.report.ok, true);
  assert.deepEqual(
    body.report.steps.map((s: { status: string }) => s.status),
    Array(9).fill("passed"),
  );
  assert.deepEqual(
    body.version_info.signers.map((
      s: { signer: string; verified: boolean },
    ) => [s.signer, s.verified]),
    [["test-signer", true]],
  );

  const versions = await (await app.request("/v1/packages/echo.minimal/versions", {
    headers: { authorization: `Bearer ${token}` },
  })).json();
  assert.equal(versions.package, "echo.minimal");
  assert.deepEqual(Object.keys(versions.versions[0]).slice(0, 4), [
    "version",
    "artifact_digest",
    "published_at",
    "deprecated_at",
  ]);
  assert.equal(versions.versions[0].deprecated_at, null);
  assert.match(versions.versions[0].published_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

Deno.test("the same version again is 409 whatever its bytes; build metadata does not make a new version", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "echo.minimal", "1.0.0", { value: 1 });
  for (const version of ["1.0.0", "1.0.0+build.7"]) {
    const res = await app.request("/v1/packages/echo.minimal/versions", {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
      body: bundleForm(await bundleArchive("echo.minimal", version, { value: 2 })),
    });
    assert.equal(res.status, 409, version);
    const body = await res.json();
    assertIncludes(body.error, "1.0.0");
    assert.equal(body.report.error.code, "version_published");
  }
  const rows = await app.services.database.client.execute(
    "SELECT count(*) AS n FROM package_versions",
  );
  assert.equal(Number(rows.rows[0]!.n), 1);
});

Deno.test("a raw archive body works in every format, and files can be sent one by one", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const types = {
    "tar": "application/x-tar",
    "tar.gz": "application/gzip",
    "tar.zst": "application/zstd",
  } as const;
  let n = 0;
  for (const [format, type] of Object.entries(types)) {
    const archive = await bundleArchive("multi", `1.0.${n++}`, {
      format: format as keyof typeof types,
    });
    const res = await app.request("/v1/packages/multi/versions", {
      method: "POST",
      headers: { ...asBrowser(app, user.cookie, false), "content-type": type },
      body: archive as Uint8Array<ArrayBuffer>,
    });
    assert.equal(res.status, 201, `${format}: ${await res.clone().text()}`);
    const v = (await res.json()).version_info;
    assert.equal(v.archive_media_type, type);
  }
  // One by one, as a form with a file input per bundle file.
  const { buildBundle } = await import("@/lib/packages/bundle/pack.ts");
  const { buildRunModule } = await import("@/lib/packages/bundle/wasm.ts");
  const { testSigner } = await import("../helpers/packages.ts");
  const files = await buildBundle(buildRunModule(), {
    name: "multi",
    version: "2.0.0",
    signers: [await testSigner()],
  });
  const form = new FormData();
  for (const [name, bytes] of files) {
    form.set(name, new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  }
  const res = await app.request("/v1/packages/multi/versions", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: form,
  });
  assert.equal(res.status, 201, await res.clone().text());
  // Stored as the archive it would have been.
  assert.equal((await res.json()).version_info.archive_media_type, "application/gzip");
  void packArchive;
});

Deno.test("publishing needs a verified email and the packages:publish scope", async () => {
  await using app = await createTestApp();
  const unverified = await createUser(app, { verified: false });
  const res = await app.request("/v1/packages/x.skill/versions", {
    method: "POST",
    headers: asBrowser(app, unverified.cookie, false),
    body: bundleForm(await bundleArchive("x.skill", "1.0.0")),
  });
  assert.equal(res.status, 403);
  assertIncludes((await res.json()).error, "verify your email address before publishing");

  const user = await createUser(app);
  const readOnly = await createToken(app, user, ["packages:read"]);
  const denied = await app.request("/v1/packages/x.skill/versions", {
    method: "POST",
    headers: { authorization: `Bearer ${readOnly}` },
    body: bundleForm(await bundleArchive("x.skill", "1.0.0")),
  });
  assert.equal(denied.status, 403);
  assert.deepEqual(await denied.json(), {
    error: "this API token lacks the packages:publish scope",
  });
  const rows = await app.services.database.client.execute(
    "SELECT (SELECT count(*) FROM packages) AS p, (SELECT count(*) FROM blobs) AS b",
  );
  assert.deepEqual([Number(rows.rows[0]!.p), Number(rows.rows[0]!.b)], [0, 0]);
});

Deno.test("a manifest whose name differs from the package in the URL is 400 naming the field", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const res = await app.request("/v1/packages/other.name/versions", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive("echo.minimal", "1.0.0")),
  });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.report.error.code, "name_mismatch");
  assert.equal(body.report.error.field, "name");
  assertIncludes(body.error, "other.name");
});

Deno.test("downloads carry the digest as a strong ETag, Repr-Digest and the exact length, and answer 304", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const published = await publishTestVersion(app, user, "dl.skill", "1.2.3");
  for (const part of ["bundle", "artifact"] as const) {
    const res = await app.request(`/v1/packages/dl.skill/versions/1.2.3/${part}`, {
      headers: { cookie: user.cookie },
    });
    assert.equal(res.status, 200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = await sha256Digest(bytes);
    const expected = part === "bundle"
      ? published.version_info.archive_digest
      : published.artifact_digest;
    assert.equal(digest, expected);
    assert.equal(res.headers.get("etag"), `"${digest}"`);
    assert.equal(
      res.headers.get("repr-digest"),
      `sha-256=:${encodeBase64(decodeHex(digest.slice(7)))}:`,
    );
    assert.equal(res.headers.get("content-length"), String(bytes.byteLength));
    assert.equal(
      res.headers.get("content-type"),
      part === "bundle" ? "application/gzip" : "application/wasm",
    );
    assert.equal(res.headers.get("cache-control"), "private, no-store");
    assert.match(
      res.headers.get("content-disposition")!,
      part === "bundle" ? /dl\.skill-1\.2\.3\.tar\.gz/ : /dl\.skill-1\.2\.3\.wasm/,
    );
    const again = await app.request(`/v1/packages/dl.skill/versions/1.2.3/${part}`, {
      headers: { cookie: user.cookie, "if-none-match": `"${digest}"` },
    });
    assert.equal(again.status, 304);
  }
});

Deno.test("another owner's private package, its versions and its archive answer exactly like missing ones", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app);
  const mallory = await createUser(app);
  await publishTestVersion(app, alice, "secret.skill", "1.0.0");
  const paths: [string, string][] = [
    ["/v1/packages/secret.skill", "/v1/packages/nothing.here"],
    ["/v1/packages/secret.skill/versions", "/v1/packages/nothing.here/versions"],
    ["/v1/packages/secret.skill/versions/1.0.0", "/v1/packages/nothing.here/versions/1.0.0"],
    [
      "/v1/packages/secret.skill/versions/1.0.0/bundle",
      "/v1/packages/nothing.here/versions/1.0.0/bundle",
    ],
    [
      "/v1/packages/secret.skill/versions/1.0.0/artifact",
      "/v1/packages/nothing.here/versions/1.0.0/artifact",
    ],
  ];
  for (const [theirs, missing] of paths) {
    const a = await app.request(theirs, { headers: { cookie: mallory.cookie } });
    const b = await app.request(missing, { headers: { cookie: mallory.cookie } });
    assert.equal(a.status, 404, theirs);
    assert.equal(b.status, 404);
    assert.deepEqual(await a.json(), await b.json());
  }
});

Deno.test("an upload over the archive limit is 413 naming the limit, as a form part or a raw body", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const big = new Uint8Array(24 * 1024 * 1024 + 1);
  const form = await app.request("/v1/packages/big.skill/versions", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(big),
  });
  assert.equal(form.status, 413);
  assertIncludes((await form.json()).error, "24 MiB");
  const raw = await app.request("/v1/packages/big.skill/versions", {
    method: "POST",
    headers: { ...asBrowser(app, user.cookie, false), "content-type": "application/gzip" },
    body: big,
  });
  assert.equal(raw.status, 413);
  assertIncludes((await raw.json()).error, "24 MiB");
  const rows = await app.services.database.client.execute("SELECT count(*) AS n FROM blobs");
  assert.equal(Number(rows.rows[0]!.n), 0);
});
