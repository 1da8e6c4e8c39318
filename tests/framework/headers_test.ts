import { assert } from "../helpers/assert.ts";
import { copyHeaders } from "@/lib/framework/headers.ts";

Deno.test("a copy of headers holds what the original holds, and changes apart from it", () => {
  const original = new Headers();
  original.append("Vary", "Cookie");
  original.append("Set-Cookie", "a=1; Path=/");
  original.append("VARY", "Accept-Encoding");
  original.append("Set-Cookie", "b=2; Path=/");
  original.set("Content-Type", "text/html; charset=utf-8");
  const copy = copyHeaders(original);
  assert.deepEqual([...copy], [...original]);
  assert.deepEqual(copy.getSetCookie(), ["a=1; Path=/", "b=2; Path=/"]);
  assert.equal(copy.get("vary"), "Cookie, Accept-Encoding");
  copy.set("x-only-copy", "1");
  assert.equal(original.has("x-only-copy"), false);
  // Anything else a Headers takes is accepted as by the constructor.
  assert.deepEqual([...copyHeaders({ "X-A": "1" })], [["x-a", "1"]]);
  assert.deepEqual([...copyHeaders([["x-b", "2"]])], [["x-b", "2"]]);
  assert.deepEqual([...copyHeaders()], []);
});
