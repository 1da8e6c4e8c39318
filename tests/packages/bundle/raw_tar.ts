// Writes tar archives byte by byte, for the hostile shapes tar-stream's packer will not produce:
// GNU long names, non-UTF-8 names, non-ASCII names without pax, entries after the end marker.

/** One raw entry; `type` is the typeflag character ("0" file, "1" hard link, "2" symlink...). */
export interface RawEntry {
  name: string | Uint8Array;
  type?: string;
  data?: Uint8Array | string;
  linkname?: string;
}

/** A ustar archive of `entries`, ending with the two zero blocks unless `end` is false. */
export function rawTar(entries: RawEntry[], options: { end?: boolean } = {}): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === "string"
      ? new TextEncoder().encode(entry.data)
      : entry.data ?? new Uint8Array();
    blocks.push(rawHeader({ ...entry, size: data.length }));
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  if (options.end ?? true) blocks.push(new Uint8Array(1024));
  return concatBytes(blocks);
}

/** A pax extended header entry (typeflag x or g) holding `records`. */
export function paxEntry(records: Record<string, string>, type: "x" | "g" = "x"): RawEntry {
  let text = "";
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let length = body.length + 1;
    while (String(length).length + body.length !== length) length++;
    text += `${length}${body}`;
  }
  return { name: "PaxHeader", type, data: text };
}

function rawHeader(entry: RawEntry & { size: number }): Uint8Array {
  const block = new Uint8Array(512);
  const name = typeof entry.name === "string" ? new TextEncoder().encode(entry.name) : entry.name;
  block.set(name.subarray(0, 100), 0);
  block.set(octal(0o644, 8), 100); // mode
  block.set(octal(0, 8), 108); // uid
  block.set(octal(0, 8), 116); // gid
  block.set(octal(entry.size, 12), 124);
  block.set(octal(0, 12), 136); // mtime
  block[156] = (entry.type ?? "0").charCodeAt(0);
  if (entry.linkname !== undefined) block.set(new TextEncoder().encode(entry.linkname), 157);
  block.set(new TextEncoder().encode("ustar\u000000"), 257);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.set(octal(sum, 7), 148);
  return block;
}

/** `value` as zero-padded octal digits and a NUL, `length` bytes in all. */
function octal(value: number, length: number): Uint8Array {
  return new TextEncoder().encode(`${value.toString(8).padStart(length - 1, "0")}\0`);
}

/** Concatenates byte arrays. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
