// Hand-assembled WebAssembly modules for tests, benchmarks and the demo: small enough to read
// byte by byte, valid for WebAssembly.validate.

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** The 8-byte empty module (magic and version only), as in the spec's test vectors. */
export const EMPTY_MODULE: Uint8Array = Uint8Array.from(HEADER);

/** A module exporting a function (default `run`) that takes nothing and returns an i32. */
export function buildRunModule(options: { value?: number; exportName?: string } = {}): Uint8Array {
  const name = new TextEncoder().encode(options.exportName ?? "run");
  const body = [0x00, 0x41, ...signedLeb128(options.value ?? 42), 0x0b]; // no locals; i32.const; end
  return Uint8Array.from([
    ...HEADER,
    ...section(1, [0x01, 0x60, 0x00, 0x01, 0x7f]), // one type: () -> i32
    ...section(3, [0x01, 0x00]), // one function of type 0
    ...section(7, [0x01, ...unsignedLeb128(name.length), ...name, 0x00, 0x00]), // export func 0
    ...section(10, [0x01, ...unsignedLeb128(body.length), ...body]), // its code
  ]);
}

/**
 * Appends a custom section named "pad" so the module is exactly `size` bytes (for benchmark
 * bundles of a given size). Its length is written as a padded 5-byte LEB128, which wasm allows,
 * so every size from module.length + 10 up is reachable. `random` fill resists compression.
 */
export function padModule(
  module: Uint8Array,
  size: number,
  options: { fill?: "zero" | "random"; seed?: number } = {},
): Uint8Array {
  const name = new TextEncoder().encode("pad");
  const overhead = 1 + 5 + 1 + name.length; // id, padded size, name length, name
  const payload = size - module.length - overhead;
  if (!Number.isInteger(size) || payload < 0 || size - module.length - 6 > 0xffffffff) {
    throw new RangeError(`size must be an integer from ${module.length + overhead}; found ${size}`);
  }
  const out = new Uint8Array(size);
  out.set(module);
  let pos = module.length;
  out[pos++] = 0x00;
  out.set(paddedLeb128(size - module.length - 6), pos);
  pos += 5;
  out[pos++] = name.length;
  out.set(name, pos);
  pos += name.length;
  if (options.fill === "random") fillPseudoRandom(out.subarray(pos), options.seed ?? 1);
  return out;
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

function unsignedLeb128(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

function signedLeb128(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function paddedLeb128(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  for (let i = 0; i < 5; i++) {
    const byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    out.push(i < 4 ? byte | 0x80 : byte);
  }
  return out;
}

/** xorshift32: deterministic bytes, so benchmark bundles are the same on every run. */
function fillPseudoRandom(bytes: Uint8Array, seed: number): void {
  let state = seed | 0 || 1;
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
}
