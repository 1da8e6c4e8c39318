import type { BlobConfig } from "../config.ts";
import type { BlobStore } from "./blob_store.ts";
import { LocalBlobStore } from "./local_store.ts";

/**
 * The configured blob store. The S3 client is imported only when configured: loading it
 * costs about a third of a second of start-up that the default local store never needs.
 */
export async function createBlobStore(config: BlobConfig): Promise<BlobStore> {
  if (config.kind !== "s3") return new LocalBlobStore(config.dir);
  const { S3BlobStore } = await import("./s3_store.ts");
  return new S3BlobStore(config);
}
