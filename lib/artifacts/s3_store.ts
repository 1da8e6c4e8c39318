import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { decodeHex, encodeBase64 } from "@oslojs/encoding";
import type { BlobConfig } from "../config.ts";
import { type BlobInfo, type BlobStore, BlobStoreUnavailableError } from "./blob_store.ts";
import { bytesMatching, digestHex, type HashedBytes } from "./digest.ts";

type S3Config = Extract<BlobConfig, { kind: "s3" }>;

export interface S3BlobStoreOptions {
  /** Longest one operation (retries included) may take before it fails; default 10 s. */
  timeoutMs?: number;
  /** Attempts per operation, the first included; default 3. */
  maxAttempts?: number;
}

export const DEFAULT_S3_TIMEOUT_MS = 10_000;

const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ETIMEDOUT",
]);

/** Blobs as objects `sha256/<hex>` in an S3-compatible bucket. */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #endpoint: string;
  readonly #timeoutMs: number;

  constructor(config: S3Config, options: S3BlobStoreOptions = {}) {
    this.#bucket = config.bucket;
    this.#endpoint = config.endpoint ?? `https://s3.${config.region}.amazonaws.com`;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_S3_TIMEOUT_MS;
    this.#client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
      maxAttempts: options.maxAttempts ?? 3,
      // The SDK sets no timeouts by default: a peer that accepts the connection and never
      // answers would hang a publish forever. socketTimeout also bounds a stalled download
      // after the headers arrived, which the per-call deadline below no longer covers.
      requestHandler: {
        connectionTimeout: this.#timeoutMs,
        requestTimeout: this.#timeoutMs,
        throwOnRequestTimeout: true,
        socketTimeout: this.#timeoutMs,
      },
    });
  }

  /** Closes pooled connections; the store cannot be used afterwards. */
  close(): void {
    this.#client.destroy();
  }

  async put(
    digest: string,
    blob: Uint8Array | HashedBytes,
    options?: { contentType?: string },
  ): Promise<BlobInfo> {
    const hex = digestHex(digest);
    // No private copy of the bytes (BlobStore.put, ADR 0008): should they change during the
    // upload anyway, S3 refuses them, since ChecksumSHA256 below is the digest's own hash.
    const bytes = await bytesMatching(digest, blob);
    const existing = await this.head(digest);
    if (existing?.size === bytes.byteLength) return existing;
    await this.#send("PUT", hex, (abortSignal) =>
      this.#client.send(
        new PutObjectCommand({
          ...this.#object(hex),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: options?.contentType ?? "application/octet-stream",
          // S3 recomputes this and refuses the object when the bytes changed in transit.
          ChecksumSHA256: encodeBase64(decodeHex(hex)),
        }),
        { abortSignal },
      ));
    return { digest, size: bytes.byteLength };
  }

  async get(digest: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    const hex = digestHex(digest);
    const out = await this.#send(
      "GET",
      hex,
      (abortSignal) => this.#client.send(new GetObjectCommand(this.#object(hex)), { abortSignal }),
      isMissingObject,
    );
    if (!out) return null;
    if (!out.Body || out.ContentLength === undefined) {
      await out.Body?.transformToWebStream().cancel().catch(() => {});
      throw new BlobStoreUnavailableError(
        `S3 answered GET ${this.#bucket}/${keyOf(hex)} without a body or a content length`,
      );
    }
    return {
      body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      size: out.ContentLength,
    };
  }

  async head(digest: string): Promise<BlobInfo | null> {
    const hex = digestHex(digest);
    // A HEAD answer has no body, so a 404 cannot say which of key and bucket is missing; a
    // missing bucket surfaces on the PUT that follows.
    const out = await this.#send(
      "HEAD",
      hex,
      (abortSignal) => this.#client.send(new HeadObjectCommand(this.#object(hex)), { abortSignal }),
      (e) => statusOf(e) === 404,
    );
    return out ? { digest, size: out.ContentLength ?? 0 } : null;
  }

  async delete(digest: string): Promise<void> {
    const hex = digestHex(digest);
    // S3 answers 204 for a key that is not there, so a missing blob needs no special case.
    await this.#send(
      "DELETE",
      hex,
      (abortSignal) =>
        this.#client.send(new DeleteObjectCommand(this.#object(hex)), { abortSignal }),
    );
  }

  /** The bucket and key an SDK command acts on: the blob's place in the store. */
  #object(hex: string): { Bucket: string; Key: string } {
    return { Bucket: this.#bucket, Key: keyOf(hex) };
  }

  /**
   * Runs one SDK call under a deadline that covers its retries, and turns every failure other
   * than the expected not-found into a BlobStoreUnavailableError that says what went wrong.
   */
  async #send<T>(
    op: string,
    hex: string,
    call: (signal: AbortSignal) => Promise<T>,
    isNotFound: (error: unknown) => boolean = () => false,
  ): Promise<T | null> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.#timeoutMs);
    try {
      return await call(deadline.signal);
    } catch (error) {
      if (!deadline.signal.aborted && isNotFound(error)) return null;
      throw this.#explain(error, `${op} ${this.#bucket}/${keyOf(hex)}`, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  #explain(error: unknown, what: string, timedOut: boolean): BlobStoreUnavailableError {
    const name = error instanceof Error ? error.name : "";
    const code = (error as { code?: unknown } | null)?.code;
    const status = statusOf(error);
    let message: string;
    if (timedOut || name === "TimeoutError") {
      message = `S3 at ${this.#endpoint} did not answer ${what} within ${this.#timeoutMs} ms`;
    } else if (typeof code === "string" && NETWORK_ERRORS.has(code)) {
      message = `could not reach S3 at ${this.#endpoint} for ${what}: ${code}`;
    } else if (name === "NoSuchBucket") {
      message = `S3 bucket ${this.#bucket} does not exist at ${this.#endpoint}`;
    } else if (status === 403) {
      message = `S3 denied ${what}: the credentials need s3:GetObject, s3:PutObject, ` +
        `s3:DeleteObject and s3:ListBucket on the bucket`;
    } else if (status !== undefined) {
      message = `S3 answered ${what} with ${status} ${name}`;
    } else {
      message = `S3 request ${what} failed: ${error instanceof Error ? error.message : error}`;
    }
    return new BlobStoreUnavailableError(message, { cause: error });
  }
}

function keyOf(hex: string): string {
  return `sha256/${hex}`;
}

function statusOf(error: unknown): number | undefined {
  // Duck-typed rather than instanceof S3ServiceException, which breaks when npm resolution
  // leaves two copies of the SDK in the module graph.
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  return typeof metadata?.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
}

/**
 * GET names its 404s: NoSuchKey is a missing blob, NoSuchBucket a misconfiguration. Real S3
 * answers 403 instead of 404 when the credentials lack s3:ListBucket; that stays an error.
 */
function isMissingObject(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  return name === "NoSuchKey" || (statusOf(error) === 404 && name !== "NoSuchBucket");
}
