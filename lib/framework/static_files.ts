import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { matchesEtag } from "./etag.ts";
import { walkFiles } from "./walk.ts";

/** A file served as is, held in memory with its validator. */
export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  cacheControl: string;
}

const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
  ico: "image/x-icon",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  map: "application/json",
  png: "image/png",
  svg: "image/svg+xml",
  txt: "text/plain; charset=utf-8",
  webmanifest: "application/manifest+json",
  woff2: "font/woff2",
};

/** A folder to serve under a URL prefix; `immutable` for content-hashed build output. */
export interface StaticRoot {
  dir: string;
  prefix: string;
  immutable: boolean;
}

/** Reads every file of the roots into memory once, at start. */
export async function loadStaticFiles(roots: StaticRoot[]): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const root of roots) {
    for await (const rel of walkFiles(root.dir)) {
      const body = await Deno.readFile(`${root.dir}/${rel}`);
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
      const ext = rel.slice(rel.lastIndexOf(".") + 1).toLowerCase();
      files.set(`${root.prefix}${rel}`, {
        body,
        contentType: TYPES[ext] ?? "application/octet-stream",
        etag: `"${encodeBase64urlNoPadding(digest.subarray(0, 16))}"`,
        cacheControl: root.immutable
          ? "public, max-age=31536000, immutable"
          : "public, max-age=0, must-revalidate",
      });
    }
  }
  return files;
}

/** Answers GET/HEAD for a static file, with 304 when the validator matches. */
export function serveStatic(req: Request, file: StaticFile): Response {
  const headers = new Headers({
    "content-type": file.contentType,
    "cache-control": file.cacheControl,
    etag: file.etag,
  });
  if (matchesEtag(req.headers.get("if-none-match"), file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-length", String(file.body.byteLength));
  return new Response(req.method === "HEAD" ? null : file.body, { headers });
}
