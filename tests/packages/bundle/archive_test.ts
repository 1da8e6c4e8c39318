import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { assert, assertIncludes } from "../../helpers/assert.ts";
import { readArchive } from "@/lib/packages/bundle/archive.ts";
import { packArchive } from "@/lib/packages/bundle/pack.ts";
import { expectBundleError } from "./helpers.ts";
import { concatBytes, paxEntry, type RawEntry, rawTar } from "./raw_tar.ts";

const MiB = 1024 * 1024;
const manifest = { name: "manifest.json", data: '{"name":"echo.minimal"}' };
const wasm = { name: "skill.wasm", data: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) };
const gzip = (bytes: Uint8Array) => new Uint8Array(zlib.gzipSync(bytes));
const zstd = (bytes: Uint8Array) => new Uint8Array(zlib.zstdCompressSync(bytes));
const read = (entries: RawEntry[]) => readArchive(rawTar(entries));

Deno.test("a bundle packed as tar, tar.gz and tar.zst reads back to the same files", async () => {
  const files = new Map([["manifest.json", new TextEncoder().encode("{}")], [
    "skill.wasm",
    wasm.data,
  ]]);
  for (const format of ["tar", "tar.gz", "tar.zst"] as const) {
    const contents = await readArchive(await packArchive(files, { format }));
    assert.equal(contents.format, format);
    assert.equal(contents.topFolder, null);
    assert.deepEqual(contents.files, files);
  }
  const nested = await readArchive(
    await packArchive(files, { format: "tar.zst", topFolder: "echo-1.0.0" }),
  );
  assert.equal(nested.topFolder, "echo-1.0.0");
  assert.deepEqual(nested.files, files);
});

Deno.test("files may sit under one top folder with or without its entry, or behind ./", async () => {
  const folder = await read([{ name: "b/manifest.json", data: "{}" }, {
    name: "b/skill.wasm",
    data: wasm.data,
  }]);
  assert.deepEqual([...folder.files.keys()], ["manifest.json", "skill.wasm"]);
  assert.equal(folder.topFolder, "b");
  const dotted = await read([{ name: "./", type: "5" }, { name: "./manifest.json", data: "{}" }]);
  assert.deepEqual([...dotted.files.keys()], ["manifest.json"]);
  assert.equal(dotted.topFolder, null);
});

Deno.test("a tar entry with .. is rejected as path traversal", async () => {
  for (const name of ["../x", "../manifest.json", "b/../manifest.json", "./../skill.wasm"]) {
    const error = await expectBundleError(
      () => read([{ name, data: "{}" }]),
      "archive_path_traversal",
    );
    assertIncludes(
      error.message,
      `entry name ${JSON.stringify(name)} contains ..; names must stay inside the bundle`,
    );
    assert.equal(error.step, 1);
  }
});

Deno.test("a tar entry with an absolute path or a backslash is rejected", async () => {
  for (const name of ["/manifest.json", "/etc/passwd", "C:/manifest.json"]) {
    const error = await expectBundleError(
      () => read([{ name, data: "{}" }]),
      "archive_path_absolute",
    );
    assertIncludes(
      error.message,
      "is an absolute path; names must be relative, such as manifest.json",
    );
  }
  const error = await expectBundleError(
    () => read([{ name: "b\\manifest.json", data: "{}" }]),
    "archive_path_invalid",
  );
  assertIncludes(error.message, "contains a backslash; separate folders with /");
  await expectBundleError(
    () => read([{ name: "b//manifest.json", data: "{}" }]),
    "archive_path_invalid",
  );
  await expectBundleError(
    () => read([{ name: "manifest\u0001.json", data: "{}" }]),
    "archive_path_invalid",
  );
});

Deno.test("symlinks, hard links, devices and fifos are rejected; only regular files are allowed", async () => {
  const symlink = await expectBundleError(
    () => read([manifest, { name: "skill.wasm", type: "2", linkname: "/etc/passwd" }]),
    "archive_link",
  );
  assert.equal(
    symlink.message,
    'entry "skill.wasm" is a symlink to "/etc/passwd"; only regular files are allowed',
  );
  const hardLink = await expectBundleError(
    () => read([manifest, { name: "signatures.json", type: "1", linkname: "manifest.json" }]),
    "archive_link",
  );
  assertIncludes(hardLink.message, "is a hard link to");
  const others = [
    ["3", "a character-device"],
    ["4", "a block-device"],
    ["6", "a fifo"],
    ["7", "a contiguous-file"],
    ["V", "an entry of unknown type"],
  ];
  for (const [type, kind] of others) {
    const error = await expectBundleError(
      () => read([{ name: "skill.wasm", type }]),
      "archive_entry_type",
    );
    assertIncludes(
      error.message,
      `is ${kind}; only regular files and one top folder are allowed`,
    );
  }
});

Deno.test("duplicate names are rejected, also when they differ only by case or Unicode normalization", async () => {
  const exact = await expectBundleError(() => read([manifest, manifest]), "archive_duplicate_name");
  assertIncludes(
    exact.message,
    'the upload holds "manifest.json" twice; each file may appear once',
  );
  const cased = await expectBundleError(
    () => read([manifest, { name: "Manifest.JSON", data: "{}" }]),
    "archive_duplicate_name",
  );
  assertIncludes(cased.message, '"Manifest.JSON" and "manifest.json"');
  const nfc = "caf\u00e9/manifest.json";
  const nfd = "cafe\u0301/manifest.json";
  const error = await expectBundleError(
    () => read([{ name: nfc, data: "{}" }, { name: nfd, data: "{}" }]),
    "archive_duplicate_name",
  );
  assertIncludes(error.message, "(names are compared ignoring case and Unicode normalization)");
  await expectBundleError(
    () => read([{ name: "./manifest.json", data: "{}" }, manifest]),
    "archive_duplicate_name",
  );
});

/** 1 GiB of zeros through gzip or zstd, streamed in 1 MiB chunks so it is never held whole. */
async function compressedZeros(stream: zlib.Gzip | zlib.ZstdCompress): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < 1024; i++) {
    if (!stream.write(zeros)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end();
  await ended;
  return concatBytes(chunks);
}

Deno.test("a gzip bomb of 1 GiB of zeros is stopped at the unpacked cap", async () => {
  const bomb = await compressedZeros(zlib.createGzip());
  assert.ok(bomb.length < 2 * MiB, `the bomb is ${bomb.length} bytes`);
  const error = await expectBundleError(() => readArchive(bomb), "archive_unpacked_too_large");
  assert.equal(
    error.message,
    "the archive unpacks to more than 24 MiB (25165824 bytes), the limit for the unpacked total",
  );
  const small = await expectBundleError(
    () => readArchive(bomb, { limits: { maxUnpackedBytes: MiB } }),
    "archive_unpacked_too_large",
  );
  assertIncludes(small.message, "more than 1 MiB (1048576 bytes)");
});

Deno.test("a zstd bomb of 1 GiB of zeros is stopped at the unpacked cap", async () => {
  const bomb = await compressedZeros(zlib.createZstdCompress());
  assert.ok(bomb.length < 64 * 1024, `the bomb is ${bomb.length} bytes`);
  await expectBundleError(() => readArchive(bomb), "archive_unpacked_too_large");
});

Deno.test("bytes after the compressed stream are rejected for gzip and zstd", async () => {
  const tar = rawTar([manifest]);
  for (
    const [compressed, allowed] of [[gzip(tar), "only one gzip stream is allowed"], [
      zstd(tar),
      "only one zstd frame is allowed",
    ]] as const
  ) {
    for (
      const tail of [new Uint8Array([1, 2, 3]), new Uint8Array(512), new Uint8Array([0x50, 0x4b])]
    ) {
      const error = await expectBundleError(
        () => readArchive(concatBytes([compressed, tail])),
        "archive_trailing_data",
      );
      assertIncludes(error.message, `${allowed}, with nothing after`);
    }
  }
  // A zstd skippable frame is metadata no decoder shows, so it counts as trailing data too.
  const skippable = new Uint8Array([0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 1, 2, 3, 4]);
  await expectBundleError(
    () => readArchive(concatBytes([zstd(tar), skippable])),
    "archive_trailing_data",
  );
  // Trailing bytes that begin like a gzip member or a zstd frame are a second one: refused.
  const starts: [Uint8Array, number[]][] = [[gzip(tar), [0x1f, 0x8b]], [
    zstd(tar),
    [0x28, 0xb5, 0x2f, 0xfd],
  ]];
  for (const [compressed, magic] of starts) {
    const error = await expectBundleError(
      () => readArchive(concatBytes([compressed, new Uint8Array(magic)])),
      "archive_trailing_data",
    );
    assertIncludes(error.message, "the upload has a second");
  }
});

Deno.test("a tar split over two gzip members or two zstd frames is refused: one stream, nothing after it", async () => {
  // RFC 1952 and RFC 8878 allow several members or frames, but readers disagree on them
  // (node:zlib's zstd decoder stops after the first frame), so the verified archive could
  // differ from the one a runtime reads. docs/security.md U7 allows one stream.
  const tar = rawTar([manifest, wasm]);
  for (const [compress, name] of [[gzip, "gzip member"], [zstd, "zstd frame"]] as const) {
    const first = compress(tar.subarray(0, 700));
    for (
      const second of [compress(tar.subarray(700)), compress(tar), compress(new Uint8Array(1))]
    ) {
      const split = concatBytes([first, second]);
      const error = await expectBundleError(() => readArchive(split), "archive_trailing_data");
      assert.equal(error.step, 1);
      assertIncludes(
        error.message,
        `the upload has a second ${name} (${second.length} bytes after the first); only one`,
      );
    }
  }
  // An empty zstd frame reads the same to every decoder; node:zlib's compressor ends large
  // outputs with one. An empty gzip member has no such excuse.
  const whole = await readArchive(concatBytes([zstd(tar), zstd(new Uint8Array())]));
  assert.deepEqual([...whole.files.keys()], ["manifest.json", "skill.wasm"]);
  await expectBundleError(
    () => readArchive(concatBytes([gzip(tar), gzip(new Uint8Array())])),
    "archive_trailing_data",
  );
  const bomb = concatBytes(Array.from({ length: 30 }, () => zstd(new Uint8Array(MiB))));
  await expectBundleError(() => readArchive(bomb), "archive_trailing_data");
});

Deno.test("a gzip member with a name, comment, extra field and header CRC is read; a wrong CRC-32 or size is corrupt", async () => {
  const tar = rawTar([manifest, wasm]);
  const text = (value: string) => [...new TextEncoder().encode(value), 0];
  // FLG: FHCRC | FEXTRA | FNAME | FCOMMENT, as gzip -N and some archivers write them.
  const header = [0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3, 4, 0, 1, 2, 3, 4];
  const member = (crc: number, size: number) => {
    const trailer = new Uint8Array(8);
    new DataView(trailer.buffer).setUint32(0, crc, true);
    new DataView(trailer.buffer).setUint32(4, size, true);
    return concatBytes([
      new Uint8Array([...header, ...text("bundle.tar"), ...text("a comment"), 0xaa, 0xbb]),
      new Uint8Array(zlib.deflateRawSync(tar)),
      trailer,
    ]);
  };
  const good = member(zlib.crc32(tar), tar.length);
  assert.deepEqual([...(await readArchive(good)).files.keys()], ["manifest.json", "skill.wasm"]);
  for (const bad of [member(zlib.crc32(tar) ^ 1, tar.length), member(zlib.crc32(tar), 1)]) {
    const error = await expectBundleError(() => readArchive(bad), "archive_corrupt");
    assertIncludes(error.message, "the gzip stream is corrupt: its");
  }
});

Deno.test("a truncated gzip, zstd or tar stream is rejected as truncated", async () => {
  const tar = rawTar([manifest, wasm]);
  const compressed = [gzip(tar), zstd(tar)];
  for (const bytes of compressed) {
    for (const cut of [bytes.length - 1, bytes.length - 8, Math.floor(bytes.length / 2), 12]) {
      const error = await expectBundleError(
        () => readArchive(bytes.subarray(0, cut)),
        "archive_truncated",
      );
      assertIncludes(error.message, "the upload is truncated");
    }
  }
  await expectBundleError(() => readArchive(tar.subarray(0, 1024 + 100)), "archive_truncated");
  const noEnd = await expectBundleError(
    () => readArchive(rawTar([manifest], { end: false })),
    "archive_truncated",
  );
  assertIncludes(noEnd.message, "has no end-of-archive marker (two zero blocks)");
});

Deno.test("a zip file renamed .tar.gz, or anything else that is not a tar, is rejected naming both", async () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, ...new Uint8Array(100)]);
  const error = await expectBundleError(() => readArchive(zip), "archive_format_unsupported");
  assert.equal(
    error.message,
    "the upload is a zip archive; allowed: a tar archive, plain (.tar), gzip (.tar.gz) or zstd (.tar.zst)",
  );
  assertIncludes(
    (await expectBundleError(() => readArchive(new Uint8Array()), "archive_format_unsupported"))
      .message,
    "an empty upload",
  );
  const text = await expectBundleError(
    () => readArchive(new TextEncoder().encode("hello")),
    "archive_format_unsupported",
  );
  assertIncludes(text.message, "unknown data starting 68 65 6c 6c");
  const notTar = await expectBundleError(
    () => readArchive(gzip(new TextEncoder().encode("{}"))),
    "archive_format_unsupported",
  );
  assertIncludes(notTar.message, "the gzip stream does not hold a tar archive");
});

Deno.test("archives over the compressed size or entry count caps are rejected naming the cap", async () => {
  const tar = rawTar([manifest, wasm]);
  const big = await expectBundleError(
    () => readArchive(tar, { limits: { maxArchiveBytes: 1024 } }),
    "archive_too_large",
  );
  assert.equal(
    big.message,
    `the archive is ${tar.length} bytes; the limit for an uploaded archive is 1024 bytes`,
  );
  const many = await expectBundleError(
    () => readArchive(tar, { limits: { maxEntries: 1 } }),
    "archive_too_many_entries",
  );
  assert.equal(many.message, "the archive has more than 1 entries, the limit for entries");
  // Repeated ./ entries are harmless names, so only the count cap (16 by default) stops them.
  const dots = Array.from({ length: 17 }, () => ({ name: "./", type: "5" }));
  const error = await expectBundleError(() => read(dots), "archive_too_many_entries");
  assertIncludes(error.message, "more than 16 entries");
});

Deno.test("an oversized wasm or JSON file is rejected naming the per-file limit", async () => {
  const huge = { name: "skill.wasm", data: new Uint8Array(16 * MiB + 1) };
  const error = await expectBundleError(() => readArchive(gzip(rawTar([huge]))), "file_too_large");
  assert.equal(
    error.message,
    "skill.wasm is 16777217 bytes; the limit for skill.wasm is 16 MiB (16777216 bytes)",
  );
  const json = await expectBundleError(
    () => read([{ name: "manifest.json", data: new Uint8Array(MiB + 1) }]),
    "file_too_large",
  );
  assertIncludes(json.message, "the limit for manifest.json is 1 MiB (1048576 bytes)");
  assert.deepEqual(
    (await read([{ name: "skill.wasm", data: new Uint8Array(16 * MiB) }])).files.get("skill.wasm")
      ?.length,
    16 * MiB,
  );
});

Deno.test("an unknown extra file or a nested folder is rejected", async () => {
  const unknown = await expectBundleError(
    () => read([manifest, { name: "run.sh", data: "rm -rf /" }]),
    "file_unknown",
  );
  assert.equal(
    unknown.message,
    'unknown file "run.sh"; a bundle may only hold skill.wasm, manifest.json, signatures.json, public-keys.json, provenance.json, bundle-meta.json, log-proof.json',
  );
  await expectBundleError(() => read([{ name: "._manifest.json", data: "" }]), "file_unknown");
  const nested = await expectBundleError(
    () => read([{ name: "a/b/manifest.json", data: "{}" }]),
    "archive_nested_folder",
  );
  assertIncludes(
    nested.message,
    "is in a nested folder; files must be at the root or under one top folder",
  );
  await expectBundleError(() => read([{ name: "a/b/", type: "5" }]), "archive_nested_folder");
  const twoFolders = await expectBundleError(
    () => read([{ name: "a/manifest.json", data: "{}" }, { name: "b/skill.wasm", data: "" }]),
    "archive_layout",
  );
  assertIncludes(
    twoFolders.message,
    "files in a/ and b/; put all files at the root or all under one top folder",
  );
  await expectBundleError(
    () => read([manifest, { name: "b/skill.wasm", data: "" }]),
    "archive_layout",
  );
});

Deno.test("pax or GNU headers that rewrite a path or size are rejected; metadata-only pax is fine", async () => {
  const path = await expectBundleError(
    () => read([paxEntry({ path: "../evil" }), manifest]),
    "archive_extended_header",
  );
  assertIncludes(
    path.message,
    'a pax header that sets "path" before "../evil"; headers that rewrite a path or size are not allowed',
  );
  await expectBundleError(
    () => read([paxEntry({ size: "2" }), manifest]),
    "archive_extended_header",
  );
  await expectBundleError(
    () => read([paxEntry({ path: "manifest.json" }, "g"), manifest]),
    "archive_extended_header",
  );
  const gnu = await expectBundleError(
    () =>
      read([{ name: "././@LongLink", type: "L", data: "manifest.json\0" }, {
        name: "x",
        data: "{}",
      }]),
    "archive_extended_header",
  );
  assertIncludes(gnu.message, 'a GNU long-name header (typeflag "L") before "manifest.json"');
  // git archive writes a global comment; bsdtar writes mtime and xattrs.
  const harmless = await read([
    paxEntry({ comment: "0123abcd" }, "g"),
    paxEntry({ mtime: "1700000000.5", "LIBARCHIVE.xattr.com.apple.provenance": "AQ==" }),
    manifest,
  ]);
  assert.deepEqual([...harmless.files.keys()], ["manifest.json"]);
});

Deno.test("data after the tar end-of-archive marker that is not zero padding is rejected", async () => {
  const after = concatBytes([rawTar([manifest]), rawTar([wasm])]);
  const error = await expectBundleError(() => readArchive(after), "archive_trailing_data");
  assertIncludes(error.message, 'has the entry "skill.wasm" after its end-of-archive marker');
  const garbage = concatBytes([rawTar([manifest]), new Uint8Array(512).fill(7)]);
  await expectBundleError(() => readArchive(garbage), "archive_corrupt");
  const padded = await readArchive(concatBytes([rawTar([manifest]), new Uint8Array(8192)]));
  assert.deepEqual([...padded.files.keys()], ["manifest.json"]);
});

Deno.test("a name that is not UTF-8 or a header with a bad checksum is rejected", async () => {
  const latin1 = new Uint8Array([
    ...new TextEncoder().encode("caf"),
    0xe9,
    ...new TextEncoder().encode("/manifest.json"),
  ]);
  const error = await expectBundleError(
    () => read([{ name: latin1, data: "{}" }]),
    "archive_path_invalid",
  );
  assertIncludes(error.message, "is not valid UTF-8; names must be UTF-8");
  const tar = rawTar([manifest]);
  tar[0] = 0x4e;
  assertIncludes(
    (await expectBundleError(() => readArchive(tar), "archive_corrupt")).message,
    "the tar archive is corrupt",
  );
});
