import {
  compressionStream,
  type Encoding,
  isCompressible,
  negotiateEncoding,
} from "../framework/encoding.ts";
import { copyHeaders } from "../framework/headers.ts";

// Below this, the coding's own overhead eats most of the gain.
const MIN_BYTES = 1024;

/**
 * Compresses text answers (pages, JSON, CSV and NDJSON exports) with brotli or gzip, as the
 * client's Accept-Encoding allows, streaming, so exports start at once. Left alone: answers
 * that chose their own coding or Vary on it (precompressed static files), event streams,
 * downloads carrying a digest of their bytes (bundles, skill.wasm), `no-transform`, ranges.
 *
 * The compressed body is a different representation with the same meaning: its ETag becomes
 * weak (W/"..."), which If-None-Match still matches (weak comparison, lib/framework/etag.ts),
 * and every answer that could have been compressed says `Vary: Accept-Encoding`.
 */
export async function compress(req: Request, res: Response): Promise<Response> {
  if (!candidate(res)) return res;
  let encoding = negotiateEncoding(req.headers.get("accept-encoding"));
  // A HEAD answer has no body to measure: it claims no coding its GET might not use.
  if (!res.body && res.status !== 304) encoding = null;
  if (!encoding) {
    // The answer goes out as it is: no copy of it or of its headers.
    res.headers.append("vary", "Accept-Encoding");
    return res;
  }
  const headers = copyHeaders(res.headers);
  headers.append("vary", "Accept-Encoding");
  let body: BodyInit | null = res.body;
  if (res.body) {
    // A body of unknown length is read up to the threshold to see whether it ends there.
    const head = await peek(res.body);
    if (head.whole) [body, encoding] = [head.whole, null];
    else body = head.stream.pipeThrough(compressionStream(encoding));
  }
  if (encoding) weakenEtag(headers);
  if (encoding && res.status !== 304) {
    headers.set("content-encoding", encoding);
    headers.delete("content-length");
  }
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

/** The whole body when it ends within MIN_BYTES; else a stream replaying what was read. */
async function peek(
  body: ReadableStream<Uint8Array>,
): Promise<
  { whole: Uint8Array<ArrayBuffer>; stream?: never } | {
    whole?: never;
    stream: ReadableStream<Uint8Array>;
  }
> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MIN_BYTES) {
    const { done, value } = await reader.read();
    if (done) {
      const whole = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) whole.set(chunk, (at += chunk.byteLength) - chunk.byteLength);
      return { whole };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return {
    stream: new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    }),
  };
}

// The headers candidate reads, gathered in one pass over the response's (forEach), as every
// answer goes through it: each Headers.get would search and convert its name again.
const READ = new Set([
  "content-encoding",
  "content-range",
  "repr-digest",
  "vary",
  "cache-control",
  "content-type",
  "content-length",
]);

/** Whether the answer is one we may compress (or, for a 304, one whose 200 we would have). */
function candidate(res: Response): boolean {
  const h: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (READ.has(name)) h[name] = value;
  });
  if ("content-encoding" in h || "content-range" in h || "repr-digest" in h) return false;
  if (/(^|,)\s*accept-encoding\s*(,|$)/i.test(h["vary"] ?? "")) return false;
  if (/no-transform/i.test(h["cache-control"] ?? "")) return false;
  const type = h["content-type"] ?? null;
  // A 304 drops its Content-Type; it stands for a 200 page that was compressible.
  if (res.status === 304) return type === null || isCompressible(type);
  if (res.status < 200 || res.status === 204 || !isCompressible(type)) return false;
  const length = h["content-length"];
  return length === undefined || Number(length) >= MIN_BYTES;
}

function weakenEtag(headers: Headers): void {
  const etag = headers.get("etag");
  if (etag && !etag.startsWith("W/")) headers.set("etag", `W/${etag}`);
}

export type { Encoding };
