import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { BlobConfig } from "../config.ts";
import { type BlobInfo, type BlobStore, DigestMismatchError } from "./blob_store.ts";
import { assertDigest, sha256Digest } from "./digest.ts";

type S3Config = Extract<BlobConfig, { kind: "s3" }>;

/** Blobs as objects `sha256/<hex>` in an S3-compatible bucket. */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(config: S3Config) {
    this.#bucket = config.bucket;
    this.#client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    });
  }

  #key(digest: string): string {
    assertDigest(digest);
    return `sha256/${digest.slice("sha256:".length)}`;
  }

  async put(
    digest: string,
    bytes: Uint8Array,
    options?: { contentType?: string },
  ): Promise<BlobInfo> {
    const key = this.#key(digest);
    const actual = await sha256Digest(new Uint8Array(bytes));
    if (actual !== digest) throw new DigestMismatchError(digest, actual);
    const existing = await this.head(digest);
    if (existing) return existing;
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: options?.contentType ?? "application/octet-stream",
      }),
    );
    return { digest, size: bytes.byteLength };
  }

  async get(digest: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    try {
      const out = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(digest) }),
      );
      if (!out.Body) return null;
      return {
        body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        size: out.ContentLength ?? 0,
      };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async head(digest: string): Promise<BlobInfo | null> {
    try {
      const out = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(digest) }),
      );
      return { digest, size: out.ContentLength ?? 0 };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(digest: string): Promise<void> {
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(digest) }),
    );
  }
}

function isNotFound(e: unknown): boolean {
  return e instanceof S3ServiceException &&
    (e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata.httpStatusCode === 404);
}
