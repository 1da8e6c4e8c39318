// Content codings: which one a client takes (Accept-Encoding), and which media types are
// worth compressing. Static files and the compression middleware share these rules.

/** The codings we produce, in order of preference when a client takes both equally. */
export const ENCODINGS = ["br", "gzip"] as const;
export type Encoding = typeof ENCODINGS[number];

/** File suffixes of precompressed build output, next to the file they encode. */
export const ENCODING_SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

/**
 * The coding to answer with, among `available`, by the client's Accept-Encoding (RFC 9110
 * 12.5.3): the highest q-value wins, ties go to brotli; `*` covers codings not named; q=0
 * refuses one. Null means identity: no header, or nothing acceptable.
 */
export function negotiateEncoding(
  header: string | null,
  available: readonly Encoding[] = ENCODINGS,
): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name === "x-gzip" ? "gzip" : name, Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of ENCODINGS) {
    if (!available.includes(encoding)) continue;
    const weight = q.get(encoding) ?? q.get("*") ?? 0;
    if (weight > bestQ) [best, bestQ] = [encoding, weight];
  }
  return best;
}

// Text formats compress several times over; images, archives, wasm and fonts are already
// compact or compressed. Server-sent events are left out: a compressor may hold events back.
const COMPRESSIBLE =
  /^\s*(text\/(?!event-stream)[\w.+-]+|application\/([\w.-]+\+)?(json|xml|javascript|x-ndjson|manifest\+json)|image\/svg\+xml)\s*(;|$)/i;

/** Whether a response of this Content-Type is worth compressing. */
export function isCompressible(contentType: string | null): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

/** Compresses bytes in one go (builds and static files). */
export async function compressBytes(
  bytes: Uint8Array<ArrayBuffer>,
  encoding: Encoding,
): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(compressionStream(encoding));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A streaming compressor; Deno's CompressionStream also speaks brotli. */
export function compressionStream(encoding: Encoding): TransformStream<Uint8Array, Uint8Array> {
  const format = encoding === "br" ? "brotli" as CompressionFormat : "gzip";
  // It takes any BufferSource; bodies are byte streams.
  return new CompressionStream(format) as unknown as TransformStream<Uint8Array, Uint8Array>;
}
