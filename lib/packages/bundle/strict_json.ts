import { BundleError, type BundleErrorCode, formatPath } from "./errors.ts";
import { JSON_BODY_LIMITS, jsonShapeProblem } from "../../http/json_shape.ts";

/** Keys that could reach an object's prototype in some consumer; never meaningful in a bundle. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Nesting allowed; deeper documents are rejected before recursion could exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Where the error is reported: the file name and, optionally, the verification step. */
export interface StrictJsonOptions {
  file: string;
  step?: number;
}

/**
 * Parses untrusted JSON strictly: UTF-8 without a byte order mark (serde_json, used by the
 * reference verifier, rejects one too), no duplicate keys at any depth (JSON.parse silently keeps
 * the last), no `__proto__`/`constructor`/`prototype` keys, no unpaired surrogate escapes (JCS
 * cannot hash them), finite numbers only, at most 64 levels deep, and at most as many keys and
 * items as any JSON request body (JSON_BODY_LIMITS). Returns plain objects.
 */
export function parseStrictJson(input: Uint8Array | string, options: StrictJsonOptions): unknown {
  const text = typeof input === "string" ? input : decodeUtf8(input, options);
  const value = new Parser(text, options).parseDocument();
  const problem = jsonShapeProblem(value, { ...JSON_BODY_LIMITS, maxDepth: MAX_JSON_DEPTH });
  if (problem) {
    throw new BundleError("json_too_large", `${options.file} ${problem}`, {
      step: options.step,
      file: options.file,
    });
  }
  return value;
}

/**
 * Checks a value that was already parsed elsewhere (JSON.parse keeps `__proto__` as an own key,
 * which a later copy would turn into a prototype) for forbidden keys and excess depth. Only
 * parseStrictJson can see duplicate keys, so prefer it when the raw text is at hand.
 */
export function assertSafeJsonValue(value: unknown, options: StrictJsonOptions): void {
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      throw valueError("json_too_deep", `nests deeper than ${MAX_JSON_DEPTH} levels`, {
        path,
        options,
      });
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = [...path, Array.isArray(current) ? Number(key) : key];
      if (!Array.isArray(current) && FORBIDDEN_KEYS.has(key)) {
        throw valueError("json_forbidden_key", `has the key ${JSON.stringify(key)}`, {
          path: childPath,
          options,
          hint: "__proto__, constructor and prototype are not allowed as keys",
        });
      }
      pending.push({ value: child, path: childPath });
    }
  }
}

function valueError(
  code: BundleErrorCode,
  what: string,
  at: { path: readonly PropertyKey[]; options: StrictJsonOptions; hint?: string },
): BundleError {
  const field = formatPath(at.path);
  const where = field === "" ? "" : ` (at ${field})`;
  const because = at.hint === undefined ? "" : `; ${at.hint}`;
  return new BundleError(code, `${at.options.file} ${what}${where}${because}`, {
    step: at.options.step,
    file: at.options.file,
    field: field || null,
  });
}

function decodeUtf8(bytes: Uint8Array, options: StrictJsonOptions): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new BundleError("json_invalid", `${options.file} is not valid UTF-8; save it as UTF-8`, {
      step: options.step,
      file: options.file,
      expected: "UTF-8 text",
      found: "bytes that are not UTF-8",
    });
  }
}

class Parser {
  #pos = 0;
  readonly #text: string;
  readonly #options: StrictJsonOptions;

  constructor(text: string, options: StrictJsonOptions) {
    this.#text = text;
    this.#options = options;
  }

  parseDocument(): unknown {
    if (this.#text.charCodeAt(0) === 0xfeff) {
      this.#fail("starts with a byte order mark; save it as UTF-8 without BOM", { path: [] });
    }
    this.#skipWhitespace();
    if (this.#pos === this.#text.length) this.#fail("is empty; expected JSON", { path: [] });
    const value = this.#parseValue(0, []);
    this.#skipWhitespace();
    if (this.#pos < this.#text.length) {
      this.#fail("has unexpected text after the JSON value", { path: [] });
    }
    return value;
  }

  #parseValue(depth: number, path: PropertyKey[]): unknown {
    this.#skipWhitespace();
    const char = this.#text[this.#pos];
    if (char === "{" || char === "[") {
      if (depth >= MAX_JSON_DEPTH) {
        this.#fail(`nests deeper than ${MAX_JSON_DEPTH} levels`, { path, code: "json_too_deep" });
      }
      return char === "{" ? this.#parseObject(depth + 1, path) : this.#parseArray(depth + 1, path);
    }
    if (char === '"') return this.#parseString(path);
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) {
      return this.#parseNumber(path);
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.#text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return value;
      }
    }
    return this.#fail(`has ${this.#describeHere()} where a value was expected`, { path });
  }

  #parseObject(depth: number, path: PropertyKey[]): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    if (this.#openEmpty("}")) return object;
    for (;;) {
      this.#skipWhitespace();
      if (this.#text[this.#pos] !== '"') {
        this.#fail(`has ${this.#describeHere()} where a key was expected`, { path });
      }
      const keyStart = this.#pos;
      const key = this.#parseString(path);
      const keyPath = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) {
        this.#pos = keyStart;
        const what = `has the key ${JSON.stringify(key)}`;
        this.#fail(what, {
          path: keyPath,
          code: "json_forbidden_key",
          hint: "__proto__, constructor and prototype are not allowed as keys",
        });
      }
      if (Object.hasOwn(object, key)) {
        this.#pos = keyStart;
        const what = `has the key ${JSON.stringify(key)} twice`;
        this.#fail(what, {
          path: keyPath,
          code: "json_duplicate_key",
          hint: "each key may appear only once in an object",
        });
      }
      this.#expect(":", path);
      object[key] = this.#parseValue(depth, keyPath);
      if (this.#endOfContainer("}", path)) return object;
    }
  }

  /** Steps past a container's opening bracket, and past its closing one when it is empty. */
  #openEmpty(close: "}" | "]"): boolean {
    this.#pos++;
    this.#skipWhitespace();
    if (this.#text[this.#pos] !== close) return false;
    this.#pos++;
    return true;
  }

  #parseArray(depth: number, path: PropertyKey[]): unknown[] {
    const array: unknown[] = [];
    if (this.#openEmpty("]")) return array;
    for (;;) {
      array.push(this.#parseValue(depth, [...path, array.length]));
      if (this.#endOfContainer("]", path)) return array;
    }
  }

  /** Consumes `,` (more to come) or the closing bracket (done). */
  #endOfContainer(close: "}" | "]", path: PropertyKey[]): boolean {
    this.#skipWhitespace();
    const char = this.#text[this.#pos];
    this.#pos++;
    if (char === close) return true;
    if (char === ",") return false;
    this.#pos--;
    return this.#fail(`has ${this.#describeHere()} where , or ${close} was expected`, { path });
  }

  #parseString(path: PropertyKey[]): string {
    const start = this.#pos;
    let i = start + 1;
    for (;;) {
      const code = this.#text.charCodeAt(i);
      if (Number.isNaN(code)) {
        this.#pos = start;
        this.#fail("has a string that is never closed", { path });
      }
      if (code === 0x22) break;
      if (code < 0x20) {
        this.#pos = i;
        this.#fail("has a control character inside a string; escape it", { path });
      }
      if (code === 0x5c) {
        const escape = this.#text[i + 1] ?? "";
        const valid = escape === "u"
          ? /^[0-9a-fA-F]{4}$/.test(this.#text.slice(i + 2, i + 6))
          : '"\\/bfnrt'.includes(escape) && escape !== "";
        if (!valid) {
          this.#pos = i;
          this.#fail("has an invalid escape sequence in a string", { path });
        }
        i += escape === "u" ? 6 : 2;
      } else i++;
    }
    this.#pos = i + 1;
    // The scan above checked the grammar, so JSON.parse only decodes the escapes.
    const value = JSON.parse(this.#text.slice(start, i + 1)) as string;
    if (!value.isWellFormed()) {
      this.#pos = start;
      this.#fail("has a string with an unpaired surrogate escape", { path });
    }
    return value;
  }

  #parseNumber(path: PropertyKey[]): number {
    NUMBER.lastIndex = this.#pos;
    const match = NUMBER.exec(this.#text);
    if (match === null) this.#fail("has a malformed number", { path });
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.#fail("has a number out of range", { path });
    this.#pos += match[0].length;
    return value;
  }

  #expect(char: string, path: PropertyKey[]): void {
    this.#skipWhitespace();
    if (this.#text[this.#pos] !== char) {
      this.#fail(`has ${this.#describeHere()} where ${char} was expected`, { path });
    }
    this.#pos++;
  }

  #skipWhitespace(): void {
    for (;;) {
      const code = this.#text.charCodeAt(this.#pos);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.#pos++;
    }
  }

  #describeHere(): string {
    const char = this.#text[this.#pos];
    return char === undefined ? "the end of the file" : JSON.stringify(char);
  }

  #fail(
    what: string,
    at: { path: readonly PropertyKey[]; code?: BundleErrorCode; hint?: string },
  ): never {
    const { path, code = "json_invalid", hint } = at;
    const before = this.#text.slice(0, this.#pos);
    const line = before.split("\n").length;
    const column = this.#pos - before.lastIndexOf("\n");
    const field = formatPath(path);
    const where = field === "" ? "" : ` (at ${field})`;
    const because = hint === undefined ? "" : `; ${hint}`;
    throw new BundleError(
      code,
      `${this.#options.file} ${what} at line ${line}, column ${column}${where}${because}`,
      { step: this.#options.step, file: this.#options.file, field: field || null },
    );
  }
}
