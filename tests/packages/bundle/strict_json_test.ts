import { assert, assertIncludes } from "../../helpers/assert.ts";
import {
  assertSafeJsonValue,
  MAX_JSON_DEPTH,
  parseStrictJson,
} from "@/lib/packages/bundle/strict_json.ts";
import { expectBundleError } from "./helpers.ts";

const file = "manifest.json";
const parse = (text: string | Uint8Array) => parseStrictJson(text, { file, step: 2 });

Deno.test("strict JSON parses valid documents exactly like JSON.parse, into plain objects", () => {
  const documents = [
    '{"name":"echo.minimal","n":[1,-2.5,3e2,0,-0,1E-3],"ok":true,"no":false,"none":null}',
    ' \t\r\n[ {"a" : {"b" : [ [], {} ]}} , "x" ] \n',
    '"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r\\ud83d\\ude00 é 😀"',
    '{"toString":1,"hasOwnProperty":"x","valueOf":[],"__proto":"fine","":""}',
    "123",
    "null",
  ];
  for (const text of documents) {
    const value = parse(text);
    assert.deepEqual(value, JSON.parse(text), text);
  }
  const object = parse('{"a":{"b":1}}') as Record<string, Record<string, number>>;
  assert.equal(Object.getPrototypeOf(object), Object.prototype);
  assert.equal(Object.getPrototypeOf(object.a), Object.prototype);
});

Deno.test("strict JSON rejects a duplicate key at any depth, naming the file, the key and where", async () => {
  const top = await expectBundleError(
    () => parse('{\n  "name": "a",\n  "name": "b"\n}'),
    "json_duplicate_key",
  );
  assert.equal(
    top.message,
    'manifest.json has the key "name" twice at line 3, column 3 (at name); each key may appear only once in an object',
  );
  assert.equal(top.file, "manifest.json");
  assert.equal(top.field, "name");
  assert.equal(top.step, 2);
  const nested = await expectBundleError(
    () => parse('{"capabilities":[{"kind":"a","value":"b","kind":"c"}]}'),
    "json_duplicate_key",
  );
  assertIncludes(
    nested.message,
    'the key "kind" twice at line 1, column 42 (at capabilities[0].kind)',
  );
  // JSON.parse would silently keep the last one.
  assert.deepEqual(JSON.parse('{"a":1,"a":2}'), { a: 2 });
  await expectBundleError(() => parse('{"a":1,"a":2}'), "json_duplicate_key");
  await expectBundleError(() => parse('{"a":1,"\\u0061":2}'), "json_duplicate_key");
});

Deno.test("strict JSON rejects __proto__, constructor and prototype keys and pollutes nothing", async () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    const error = await expectBundleError(
      () => parse(`{"a":{"${key}":{"polluted":true}}}`),
      "json_forbidden_key",
    );
    assertIncludes(error.message, `manifest.json has the key "${key}" at line 1, column 7 (at a`);
    assertIncludes(error.message, "__proto__, constructor and prototype are not allowed as keys");
  }
  await expectBundleError(() => parse('{"\\u005f_proto__":{}}'), "json_forbidden_key");
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("strict JSON rejects a byte order mark, invalid UTF-8 and unpaired surrogate escapes", async () => {
  const bom = await expectBundleError(
    () => parse(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("{}")])),
    "json_invalid",
  );
  assertIncludes(bom.message, "byte order mark; save it as UTF-8 without BOM");
  const latin1 = await expectBundleError(
    () => parse(new Uint8Array([0x22, 0xe9, 0x22])),
    "json_invalid",
  );
  assert.equal(latin1.message, "manifest.json is not valid UTF-8; save it as UTF-8");
  const surrogate = await expectBundleError(() => parse('{"a":"\\ud800"}'), "json_invalid");
  assertIncludes(surrogate.message, "unpaired surrogate escape");
  await expectBundleError(() => parse('{"\\udc00":1}'), "json_invalid");
});

Deno.test("strict JSON rejects what JSON does not allow, with a line and column", async () => {
  const cases: Array<[string, string]> = [
    ["", "is empty"],
    ["   ", "is empty"],
    ['{"a":1,}', 'has "}" where a key was expected'],
    ["[1,]", 'has "]" where a value was expected'],
    ["{'a':1}", `has "'" where a key was expected`],
    ['{"a" 1}', 'has "1" where : was expected'],
    ['{"a":1 "b":2}', 'has "\\"" where , or } was expected'],
    ["NaN", "where a value was expected"],
    ["01", "has unexpected text after the JSON value"],
    ["1.", "has unexpected text"],
    ["-", "has a malformed number"],
    ["1e999", "has a number out of range"],
    ['{"a":1} // comment', "has unexpected text after the JSON value"],
    ['{"a":1}{"b":2}', "unexpected text"],
    ['"tab\there"', "control character inside a string"],
    ['"\\x41"', "invalid escape sequence"],
    ['"\\u12"', "invalid escape sequence"],
    ['"open', "string that is never closed"],
    ["[", "the end of the file"],
    ["tru", "where a value was expected"],
  ];
  for (const [text, expected] of cases) {
    const error = await expectBundleError(() => parse(text), "json_invalid");
    assertIncludes(error.message, expected);
    assertIncludes(error.message, "at line 1, column");
  }
  const multiline = await expectBundleError(
    () => parse('{\n  "a": 1,\n  "b": ?\n}'),
    "json_invalid",
  );
  assertIncludes(multiline.message, "at line 3, column 8 (at b)");
});

Deno.test("strict JSON accepts 64 levels of nesting and rejects 65 instead of overflowing the stack", async () => {
  const nest = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  assert.deepEqual(parse(nest(MAX_JSON_DEPTH)), JSON.parse(nest(MAX_JSON_DEPTH)));
  const error = await expectBundleError(() => parse(nest(MAX_JSON_DEPTH + 1)), "json_too_deep");
  assertIncludes(error.message, "nests deeper than 64 levels");
  await expectBundleError(() => parse("[".repeat(100_000)), "json_too_deep");
});

Deno.test("an already-parsed value with a __proto__ own key or excess depth is refused", async () => {
  assertSafeJsonValue(JSON.parse('{"a":[{"b":null}],"toString":1}'), { file });
  const parsed = JSON.parse('{"inputs_schema":{"properties":{"__proto__":{"type":"string"}}}}');
  const error = await expectBundleError(
    () => assertSafeJsonValue(parsed, { file }),
    "json_forbidden_key",
  );
  assert.equal(
    error.message,
    'manifest.json has the key "__proto__" (at inputs_schema.properties.__proto__); ' +
      "__proto__, constructor and prototype are not allowed as keys",
  );
  const deep = JSON.parse("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1));
  await expectBundleError(() => assertSafeJsonValue(deep, { file }), "json_too_deep");
  assertSafeJsonValue(JSON.parse("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH)), {
    file,
  });
});
