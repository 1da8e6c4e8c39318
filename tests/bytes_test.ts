import { assert } from "./helpers/assert.ts";
import { ByteSink, formatBytes } from "@/lib/bytes.ts";

Deno.test("a byte sink collects chunks in order whether its size hint is exact, short or missing", () => {
  const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4]), new Uint8Array([5, 6, 7, 8, 9])];
  for (const hint of [9, 2, 0, 100]) {
    const sink = new ByteSink(hint, 1000);
    for (const c of chunks) assert.ok(sink.push(c));
    assert.deepEqual([...sink.bytes()], [1, 2, 3, 4, 5, 6, 7, 8, 9], `hint ${hint}`);
    assert.equal(sink.length, 9);
  }
});

Deno.test("a byte sink refuses a chunk that would pass its maximum and keeps what it had", () => {
  const sink = new ByteSink(1000, 4);
  assert.ok(sink.push(new Uint8Array([1, 2, 3])));
  assert.equal(sink.push(new Uint8Array([4, 5])), false);
  assert.deepEqual([...sink.bytes()], [1, 2, 3]);
});

Deno.test("formatBytes says limits exactly and sizes to one decimal, one way for every page and message", () => {
  const cases: [number, string][] = [
    [980, "980 bytes"],
    [64 * 1024, "64 KiB"],
    [16 * 1024 * 1024, "16 MiB"],
    [12_700, "12.4 KiB"],
    [1536 * 1024, "1.5 MiB"],
  ];
  for (const [n, text] of cases) assert.equal(formatBytes(n), text, String(n));
});
