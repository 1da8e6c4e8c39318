import { encodeBase64 } from "@oslojs/encoding";
import zlib from "node:zlib";
import type { ArchiveFormat } from "./decompress.ts";
import { sha256Digest } from "../../artifacts/digest.ts";
import { manifestHash } from "./digest.ts";
import type { BundleFiles } from "./limits.ts";
import { signManifestHash } from "./signing.ts";

// Builds genuinely signed bundles in code, for tests, benchmarks and the demo.

/** A signer id with a freshly generated Ed25519 key pair. */
export interface Signer {
  id: string;
  /** The raw 32-byte public key. */
  publicKey: Uint8Array;
  privateKey: CryptoKey;
}

/** What goes into a built bundle. */
export interface BundleSpec {
  name: string;
  version: string;
  entrypoint?: string;
  capabilities?: Array<{ kind: string; value: string }>;
  /** Who signs; each signs the manifest hash. */
  signers: Signer[];
  /** manifest.signers; defaults to the ids of `signers`. */
  listedSigners?: string[];
  /** Keys published in public-keys.json; defaults to `signers`. */
  publishedKeys?: Signer[];
  /** Fields set over the built manifest before it is hashed (a v1 manifest, an extra key...). */
  manifest?: Record<string, unknown>;
  /** Also emit bundle-meta.json. */
  bundleMeta?: boolean;
}

/** Generates an Ed25519 key pair with WebCrypto for the signer `id`. */
export async function generateSigner(id: string): Promise<Signer> {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { id, publicKey, privateKey: pair.privateKey };
}

/** A manifest v0 for `wasm`, its artifact computed, with `spec.manifest` fields set over it. */
export async function buildManifest(
  wasm: Uint8Array,
  spec: Omit<BundleSpec, "signers"> & { signers: Array<Pick<Signer, "id">> },
): Promise<Record<string, unknown>> {
  return {
    name: spec.name,
    version: spec.version,
    entrypoint: spec.entrypoint ?? "run",
    artifact: await sha256Digest(wasm),
    capabilities: spec.capabilities ?? [],
    signers: spec.listedSigners ?? spec.signers.map((signer) => signer.id),
    ...spec.manifest,
  };
}

/** The bundle files for `manifest` and `wasm`: hashes computed, manifest hash signed by each signer. */
export async function signBundle(
  manifest: Record<string, unknown>,
  wasm: Uint8Array,
  options: { signers: Signer[]; publishedKeys?: Signer[]; bundleMeta?: boolean },
): Promise<Map<string, Uint8Array>> {
  const hash = await manifestHash(manifest);
  const artifact = await sha256Digest(wasm);
  const signatures = await Promise.all(options.signers.map(async (signer) => ({
    signer: signer.id,
    algorithm: "ed25519",
    signature: await signManifestHash(hash, signer.privateKey),
  })));
  const published = options.publishedKeys ?? options.signers;
  const keys = Object.fromEntries(published.map((key) => [key.id, encodeBase64(key.publicKey)]));
  const files = new Map<string, Uint8Array>([
    ["skill.wasm", wasm],
    ["manifest.json", encodeJson(manifest)],
    ["signatures.json", encodeJson({ artifact, manifest_hash: hash, signatures })],
    ["public-keys.json", encodeJson(keys)],
  ]);
  if (options.bundleMeta) {
    files.set(
      "bundle-meta.json",
      encodeJson({ schema_version: "1.0.0", artifact, manifest_hash: hash }),
    );
  }
  return files;
}

/** Builds and signs a complete bundle for `wasm`. */
export async function buildBundle(
  wasm: Uint8Array,
  spec: BundleSpec,
): Promise<Map<string, Uint8Array>> {
  return signBundle(await buildManifest(wasm, spec), wasm, spec);
}

/** Packs bundle files as a tar (plain, gzip or zstd), at the root or under `topFolder`. */
export async function packArchive(
  files: BundleFiles,
  options: { format?: ArchiveFormat; topFolder?: string } = {},
): Promise<Uint8Array> {
  // Fixed metadata so the same files always pack to the same bytes.
  const meta = { mtime: new Date(0), uid: 0, gid: 0, uname: "", gname: "" };
  const { default: tarStream } = await import("tar-stream");
  const pack = tarStream.pack();
  const prefix = options.topFolder === undefined ? "" : `${options.topFolder}/`;
  if (prefix !== "") pack.entry({ name: prefix, type: "directory", mode: 0o755, ...meta });
  for (const [name, bytes] of files) {
    pack.entry({ name: prefix + name, size: bytes.length, mode: 0o644, ...meta }, bytes);
  }
  pack.finalize();
  const chunks: Uint8Array[] = [];
  for await (const chunk of pack as AsyncIterable<Uint8Array>) chunks.push(chunk);
  const tar = new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
  switch (options.format ?? "tar.gz") {
    case "tar":
      return tar;
    case "tar.gz":
      return new Uint8Array(zlib.gzipSync(tar));
    case "tar.zst":
      return new Uint8Array(zlib.zstdCompressSync(tar));
  }
}

/** JSON as a bundle author would write it: two-space indent, final newline, UTF-8. */
export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}
