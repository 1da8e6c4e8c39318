import type { BlobConfig } from "../config.ts";
import type { BlobStore } from "./blob_store.ts";
import { LocalBlobStore } from "./local_store.ts";
import { S3BlobStore } from "./s3_store.ts";

/** The configured blob store. */
export function createBlobStore(config: BlobConfig): BlobStore {
  return config.kind === "s3" ? new S3BlobStore(config) : new LocalBlobStore(config.dir);
}
