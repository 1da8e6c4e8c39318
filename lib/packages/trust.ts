// What the pages and /v1 say about a version beyond its own bytes: the history of the keys that
// signed it (docs/adr/0011) and its capability change from the version before it.
import type { Db } from "../db/client.ts";
import type { Package } from "./packages.ts";
import { type ListedVersion, listVersionsWithPublishers, type PackageVersion } from "./versions.ts";
import { pinnedKeysOf, type SignerKey } from "./signer_keys.ts";
import { type CapabilityChange, capabilityChanges } from "./capability_diff.ts";

/** One signature of a version, and what the package's pinned keys say about its key. */
export interface SignerFact {
  signer: string;
  algorithm: string;
  fingerprint: string | null;
  verified: boolean;
  /** pinned (active), retired, or unpinned (not in the pinned set at all). */
  status: "pinned" | "retired" | "unpinned";
  key: SignerKey | null;
}

/** How the keys of a version relate to the ones before it. */
export type KeyEvent = "first_publish" | "same_keys" | "rotation" | "history";

export interface VersionTrust {
  signers: SignerFact[];
  keyEvent: KeyEvent;
  change: CapabilityChange;
}

/** A package's versions (newest first), its keys, and each version's trust facts by id. */
export interface PackageTrust {
  /** With who published each: package pages say so (docs/adr/0010). */
  versions: ListedVersion[];
  keys: SignerKey[];
  trust: Map<string, VersionTrust>;
}

/** Loads what a package page, a version page or a /v1 answer says about every version. */
export async function loadPackageTrust(db: Db, pkg: Package): Promise<PackageTrust> {
  const [versions, pinned] = await Promise.all([
    listVersionsWithPublishers(db, pkg.id),
    pinnedKeysOf(db, pkg.id),
  ]);
  const changes = capabilityChanges(versions);
  const trust = new Map<string, VersionTrust>();
  for (const v of versions) trust.set(v.id, versionTrust(v, pinned.keys, changes.get(v.id)!));
  return { versions, keys: pinned.keys, trust };
}

function versionTrust(
  v: PackageVersion,
  keys: SignerKey[],
  change: CapabilityChange,
): VersionTrust {
  const byFingerprint = new Map(keys.map((k) => [k.fingerprint, k]));
  const signers = v.signers.map((s): SignerFact => {
    const fingerprint = typeof s.key_digest === "string" ? s.key_digest : null;
    const key = fingerprint ? byFingerprint.get(fingerprint) ?? null : null;
    return {
      signer: String(s.signer),
      algorithm: String(s.algorithm),
      fingerprint,
      verified: s.verified === true,
      status: !key ? "unpinned" : key.status === "active" ? "pinned" : "retired",
      key,
    };
  });
  const brought = signers.map((s) => s.key).filter((k) => k?.addedInVersion === v.version);
  const keyEvent: KeyEvent = brought.some((k) => k?.addedVia === "first_publish")
    ? "first_publish"
    : brought.some((k) => k?.addedVia === "rotation")
    ? "rotation"
    : brought.some((k) => k?.addedVia === "history")
    ? "history"
    : "same_keys";
  return { signers, keyEvent, change };
}

/** A key's history in a sentence: "pinned at the first publish, 1.0.0", "added in 1.3.0 by rotation". */
export function keyHistory(key: SignerKey): string {
  const since = key.addedVia === "first_publish"
    ? `pinned by the first publish, ${key.addedInVersion}`
    : key.addedVia === "rotation"
    ? `added in ${key.addedInVersion} by rotation`
    : key.addedVia === "history"
    ? `first signed ${key.addedInVersion}, before keys were pinned`
    : `added in the package settings on ${key.addedAt.toISOString().slice(0, 10)}`;
  return key.retiredAt ? `${since}; retired on ${key.retiredAt.toISOString().slice(0, 10)}` : since;
}

/** The package's keys in one line when nothing changed: "Same keys since 1.0.0". */
export function sameKeysSince(keys: SignerKey[]): string | null {
  const first = keys[0];
  if (!first || first.addedVia !== "first_publish") return null;
  const unchanged = keys.every((k) =>
    k.status === "active" && k.addedVia === "first_publish" &&
    k.addedInVersion === first.addedInVersion
  );
  return unchanged ? `Same keys since ${first.addedInVersion}` : null;
}
