import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import {
  compressBytes,
  type Encoding,
  ENCODING_SUFFIX,
  ENCODINGS,
  isCompressible,
  negotiateEncoding,
} from "./encoding.ts";
import { matchesEtag } from "./etag.ts";
import { walkFiles } from "./walk.ts";

/** A file served as is, held in memory with its validator. */
export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  cacheControl: string;
  /** Precompressed copies found next to it (`x.css.br`), each with its own ETag. */
  encoded: Partial<Record<Encoding, { body: Uint8Array<ArrayBuffer>; etag: string }>>;
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

const SUFFIXES = ENCODINGS.map((e) => ENCODING_SUFFIX[e]);

/**
 * Reads every file of the roots into memory once, at start. A `.br` or `.gz` file next to
 * another is served as that file's compressed form, not under its own name; a text file
 * without such copies (static/) is compressed here.
 */
export async function loadStaticFiles(roots: StaticRoot[]): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const root of roots) {
    const rels = new Set(await Array.fromAsync(walkFiles(root.dir)));
    const isCopy = (rel: string) =>
      SUFFIXES.some((s) => rel.endsWith(s) && rels.has(rel.slice(0, -s.length)));
    for (const rel of rels) {
      if (isCopy(rel)) continue;
      const body = await Deno.readFile(`${root.dir}/${rel}`);
      const etag = await etagOf(body);
      const ext = rel.slice(rel.lastIndexOf(".") + 1).toLowerCase();
      const contentType = TYPES[ext] ?? "application/octet-stream";
      const encoded: StaticFile["encoded"] = {};
      for (const encoding of ENCODINGS) {
        const copy = `${rel}${ENCODING_SUFFIX[encoding]}`;
        const bytes = rels.has(copy)
          ? await Deno.readFile(`${root.dir}/${copy}`)
          : isCompressible(contentType)
          ? await compressBytes(body, encoding)
          : null;
        // Each coding is its own representation, so its own strong validator.
        if (bytes && bytes.byteLength < body.byteLength) {
          encoded[encoding] = { body: bytes, etag: `${etag.slice(0, -1)}.${encoding}"` };
        }
      }
      files.set(`${root.prefix}${rel}`, {
        body,
        contentType,
        etag,
        cacheControl: root.immutable
          ? "public, max-age=31536000, immutable"
          : "public, max-age=0, must-revalidate",
        encoded,
      });
    }
  }
  return files;
}

async function etagOf(body: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return `"${encodeBase64urlNoPadding(digest.subarray(0, 16))}"`;
}

/**
 * Answers GET/HEAD for a static file in the coding the client takes best, with 304 when the
 * validator of that representation matches.
 */
export function serveStatic(req: Request, file: StaticFile): Response {
  const available = ENCODINGS.filter((e) => file.encoded[e]);
  const encoding = negotiateEncoding(req.headers.get("accept-encoding"), available);
  const chosen = encoding ? file.encoded[encoding]! : file;
  const headers = new Headers({
    "content-type": file.contentType,
    "cache-control": file.cacheControl,
    etag: chosen.etag,
  });
  if (available.length) headers.set("vary", "Accept-Encoding");
  if (matchesEtag(req.headers.get("if-none-match"), chosen.etag)) {
    return new Response(null, { status: 304, headers });
  }
  if (encoding) headers.set("content-encoding", encoding);
  headers.set("content-length", String(chosen.body.byteLength));
  return new Response(req.method === "HEAD" ? null : chosen.body, { headers });
}
