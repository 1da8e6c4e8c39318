// s3rver ships no type declarations; this is the part of its API the tests use.
import S3rverModule from "s3rver";

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

const S3rver = S3rverModule as unknown as S3rverConstructor;

/** s3rver's fixed credentials: it checks request signatures against them. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface TestS3 extends AsyncDisposable {
  endpoint: string;
  bucket: string;
  /** Stops the server and removes its folder; close S3 clients first, their sockets hold it. */
  close(): Promise<void>;
}

/** A real S3 protocol server (s3rver) on 127.0.0.1, an OS-chosen port, with a bucket ready. */
export async function startS3rver(options: { bucket?: string } = {}): Promise<TestS3> {
  const bucket = options.bucket ?? "test-blobs";
  const directory = await Deno.makeTempDir({ prefix: "inactu-s3rver-" });
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    await Deno.remove(directory, { recursive: true }).catch(() => {});
    throw error;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await server.close();
    } finally {
      await Deno.remove(directory, { recursive: true }).catch(() => {});
    }
  };
  return { endpoint: `http://127.0.0.1:${port}`, bucket, close, [Symbol.asyncDispose]: close };
}
