// The document as /v1/openapi.json serves it: built once per process (the routes cannot change
// while it runs), with a strong ETag so clients and caches revalidate instead of refetching.
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { Manifest } from "../framework/manifest.ts";
import { matchesEtag } from "../framework/etag.ts";
import { buildDocument } from "./document.ts";

let built: { body: Uint8Array<ArrayBuffer>; etag: string } | null = null;

/** The document's text exactly as docs/openapi.json holds it. */
export function documentText(manifest: Manifest): string {
  return JSON.stringify(buildDocument(manifest), null, 2) + "\n";
}

export async function openApiResponse(req: Request, manifest: Manifest): Promise<Response> {
  if (!built) {
    const body = new TextEncoder().encode(documentText(manifest));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    built = { body, etag: `"${encodeHexLowerCase(digest).slice(0, 32)}"` };
  }
  const headers = new Headers({
    etag: built.etag,
    "cache-control": "public, max-age=300, must-revalidate",
    "content-type": "application/json; charset=utf-8",
  });
  if (matchesEtag(req.headers.get("if-none-match"), built.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(built.body, { headers });
}
