import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { S3RVER_CREDENTIALS, startS3rver } from "../helpers/s3rver.ts";
import { BlobStoreUnavailableError } from "@/lib/artifacts/blob_store.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { S3BlobStore, type S3BlobStoreOptions } from "@/lib/artifacts/s3_store.ts";

function s3Store(
  endpoint: string,
  bucket = "test-blobs",
  options: S3BlobStoreOptions = {},
): S3BlobStore {
  return new S3BlobStore({
    kind: "s3",
    bucket,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    ...S3RVER_CREDENTIALS,
  }, options);
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A TCP server that accepts connections and never answers, like a hung S3. */
function silentServer(): AsyncDisposable & { endpoint: string } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) conns.push(conn);
  })().catch(() => {});
  return {
    endpoint: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of conns) conn.close();
    },
  };
}

async function elapsed(fn: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await fn();
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

const bytes = new TextEncoder().encode("a blob");
const digest = await sha256Digest(bytes);

Deno.test("S3 store reports an unreachable endpoint as a clear error, not a hang", async () => {
  const endpoint = `http://127.0.0.1:${closedPort()}`;
  const store = s3Store(endpoint, "test-blobs", { timeoutMs: 2000 });
  try {
    for (
      const [op, call] of [
        ["put", () => store.put(digest, bytes)],
        ["get", () => store.get(digest)],
        ["head", () => store.head(digest)],
        ["delete", () => store.delete(digest)],
      ] as const
    ) {
      const { ms, error } = await elapsed(call);
      assert.ok(error instanceof BlobStoreUnavailableError, `${op}: ${error}`);
      assertIncludes(error.message, `could not reach S3 at ${endpoint}`);
      assertIncludes(error.message, "ECONNREFUSED");
      assert.ok(ms < 2000, `${op} took ${ms} ms`);
    }
  } finally {
    store.close();
  }
});

Deno.test("S3 store fails within its timeout when the server accepts but never answers", async () => {
  await using server = silentServer();
  // Generous timeouts and bounds: the test proves the store gives up instead of hanging, on a
  // machine that may be busy; exact figures are not its point.
  const store = s3Store(server.endpoint, "test-blobs", { timeoutMs: 1000 });
  try {
    for (
      const [op, call] of [
        ["put", () => store.put(digest, bytes)],
        ["get", () => store.get(digest)],
      ] as const
    ) {
      const { ms, error } = await elapsed(call);
      assert.ok(error instanceof BlobStoreUnavailableError, `${op}: ${error}`);
      assertIncludes(error.message, `S3 at ${server.endpoint} did not answer`);
      assertIncludes(error.message, "within 1000 ms");
      assert.ok(ms >= 900 && ms < 15000, `${op} took ${ms} ms`);
    }
  } finally {
    store.close();
  }
});

Deno.test("S3 store errors a download that stalls after the headers instead of hanging", async () => {
  // Answers every request with headers and half the promised body, then goes quiet.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const serving = (async () => {
    for await (const conn of listener) {
      conns.push(conn);
      await conn.read(new Uint8Array(64 * 1024));
      await conn.write(new TextEncoder().encode(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100\r\n\r\n" +
          "x".repeat(50),
      ));
    }
  })().catch(() => {});
  const store = s3Store(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`, "test-blobs", {
    timeoutMs: 1000,
  });
  try {
    const found = await store.get(digest);
    assert.equal(found?.size, 100);
    const { ms, error } = await elapsed(() => new Response(found!.body).arrayBuffer());
    assert.ok(error instanceof Error, "the stalled body should fail, not resolve");
    assertIncludes(error.message, "timed out after 1000 ms of inactivity");
    assert.ok(ms < 15000, `reading took ${ms} ms`);
  } finally {
    store.close();
    listener.close();
    await serving;
    for (const conn of conns) conn.close();
  }
});

Deno.test("S3 store reports a missing bucket as an error that names it, not as a missing blob", async () => {
  await using s3 = await startS3rver();
  const store = s3Store(s3.endpoint, "no-such-bucket");
  try {
    await assert.rejects(store.get(digest), (error: unknown) => {
      assert.ok(error instanceof BlobStoreUnavailableError);
      assertIncludes(error.message, "S3 bucket no-such-bucket does not exist");
      return true;
    });
    await assert.rejects(store.put(digest, bytes), BlobStoreUnavailableError);
  } finally {
    store.close();
  }
});

Deno.test("S3 store keeps blobs as sha256/<hex> objects with their content type", async () => {
  await using s3 = await startS3rver();
  const store = s3Store(s3.endpoint);
  const client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  try {
    await store.put(digest, bytes, { contentType: "application/gzip" });
    const object = await client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: `sha256/${digest.slice(7)}` }),
    );
    assert.equal(object.ContentType, "application/gzip");
    assert.deepEqual(await object.Body!.transformToByteArray(), bytes);
  } finally {
    client.destroy();
    store.close();
  }
});
