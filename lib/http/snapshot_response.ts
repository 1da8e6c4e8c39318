// How a registry snapshot is served: its bytes are a function of its snapshot_hash, so the
// hash is a strong ETag and a client that has it gets a 304.
import { matchesEtag } from "../framework/etag.ts";
import { type RegistrySnapshot, snapshotText } from "../verifier/snapshot.ts";
import { raw } from "../openapi/describe.ts";

/** How both snapshot routes describe their answers in the API description. */
export const SNAPSHOT_RESPONSES = {
  200: {
    description: "The snapshot (spec snapshot format); ETag is its snapshot_hash",
    content: { "application/json": raw({ type: "object" }) },
    headers: { etag: "The snapshot hash, for If-None-Match" },
  },
  304: { description: "Unchanged since the ETag sent in If-None-Match" },
};

/** 200 with the snapshot file (or 304 for a matching If-None-Match). */
export function snapshotResponse(
  req: Request,
  snapshot: RegistrySnapshot,
  options: { public: boolean },
): Response {
  const etag = `"${snapshot.snapshot_hash}"`;
  const headers = new Headers({
    etag,
    "content-type": "application/json; charset=utf-8",
    // Public snapshots change with each publish: caches may keep them but must revalidate.
    "cache-control": options.public ? "public, no-cache" : "private, no-store",
  });
  if (matchesEtag(req.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(req.method === "HEAD" ? null : snapshotText(snapshot), { headers });
}
