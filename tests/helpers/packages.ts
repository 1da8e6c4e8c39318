import type { Actor } from "@/lib/access/policy.ts";
import type { TestApp } from "./app.ts";
import type { TestUser } from "./accounts.ts";
import { assert } from "./assert.ts";
import {
  buildBundle,
  type BundleSpec,
  generateSigner,
  packArchive,
  type Signer,
} from "@/lib/packages/bundle/pack.ts";
import { buildRunModule } from "@/lib/packages/bundle/wasm.ts";
import type { ArchiveFormat } from "@/lib/packages/bundle/decompress.ts";

let signer: Signer | null = null;

/** One Ed25519 signer shared by a test file's bundles (generating keys is cheap, but noisy). */
export async function testSigner(): Promise<Signer> {
  return signer ??= await generateSigner("test-signer");
}

/** A genuinely signed bundle archive for `name@version`. */
export async function bundleArchive(
  name: string,
  version: string,
  options: Partial<BundleSpec> & { format?: ArchiveFormat; wasm?: Uint8Array; value?: number } = {},
): Promise<Uint8Array> {
  const wasm = options.wasm ?? buildRunModule({ value: options.value ?? 42 });
  const files = await buildBundle(wasm, {
    name,
    version,
    capabilities: [{ kind: "fs.read", value: "/data" }],
    ...options,
    signers: options.signers ?? [await testSigner()],
  });
  return packArchive(files, { format: options.format ?? "tar.gz" });
}

/** Multipart body with the archive in `bundle`, as `curl -F bundle=@x.tar.gz` sends it. */
export function bundleForm(archive: Uint8Array, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set(
    "bundle",
    new Blob([archive as Uint8Array<ArrayBuffer>], { type: "application/gzip" }),
    "bundle.tar.gz",
  );
  return form;
}

/** Publishes `name@version` for a user through the API and returns the 201 body. */
export async function publishTestVersion(
  app: TestApp,
  user: TestUser,
  name: string,
  version: string,
  options: { visibility?: "private" | "public"; value?: number } = {},
) {
  const archive = await bundleArchive(name, version, { value: options.value });
  const res = await app.request(`/v1/packages/${name}/versions`, {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body: bundleForm(archive, options.visibility ? { visibility: options.visibility } : {}),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

/** The user as the access policy sees a browser session of theirs, for calling commands. */
export function sessionActor(user: { userId: string; ownerId: string; handle: string }): Actor {
  return {
    kind: "user",
    via: "session",
    sessionId: "test-session",
    userId: user.userId,
    ownerId: user.ownerId,
    ownerHandle: user.handle,
    ip: null,
    userAgent: null,
  };
}
