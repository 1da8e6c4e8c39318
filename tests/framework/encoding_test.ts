import { assert } from "../helpers/assert.ts";
import { isCompressible, negotiateEncoding } from "@/lib/framework/encoding.ts";

Deno.test("the coding follows Accept-Encoding: brotli first, q-values, wildcards and refusals", () => {
  const cases: [string | null, string | null][] = [
    [null, null],
    ["", null],
    ["identity", null],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["x-gzip", "gzip"],
    ["GZIP;Q=0.5", "gzip"],
    ["br;q=0.2, gzip;q=0.8", "gzip"],
    ["br;q=0, gzip;q=0", null],
    ["*", "br"],
    ["*;q=0.5, br;q=0", "gzip"],
    ["deflate", null],
  ];
  for (const [header, expected] of cases) {
    assert.equal(negotiateEncoding(header), expected, String(header));
  }
  assert.equal(negotiateEncoding("br, gzip", ["gzip"]), "gzip");
  assert.equal(negotiateEncoding("br", ["gzip"]), null);
});

Deno.test("text formats are compressible; event streams, archives, wasm and images are not", () => {
  for (
    const type of [
      "text/html; charset=utf-8",
      "text/css; charset=utf-8",
      "text/javascript; charset=utf-8",
      "application/json",
      "application/problem+json",
      "application/x-ndjson; charset=utf-8",
      "text/csv; charset=utf-8",
      "image/svg+xml",
    ]
  ) assert.ok(isCompressible(type), type);
  for (
    const type of [
      null,
      "text/event-stream; charset=utf-8",
      "application/gzip",
      "application/zstd",
      "application/x-tar",
      "application/wasm",
      "application/octet-stream",
      "image/png",
    ]
  ) assert.ok(!isCompressible(type), String(type));
});
