// Pinned signer keys (docs/adr/0011-trust-model.md): what a version's signatures mean against
// the keys its package already trusts. Pure, so the review step, publishing and the API judge
// a bundle with one rule.
import { BundleError } from "./errors.ts";
import type { SignerResult } from "./signing.ts";

/** A key the package trusts (or used to). */
export interface PinnedKey {
  signer: string;
  fingerprint: string;
  status: "active" | "retired";
  addedVia: "first_publish" | "rotation" | "settings" | "history";
  addedInVersion: string | null;
  addedAt: Date;
  retiredAt: Date | null;
}

/**
 * first_publish: the package has no pinned key yet, so these keys are pinned. pinned: every key
 * that signed is already pinned. rotation: a pinned key signed, and the new keys get pinned.
 */
export type KeyOutcome = "first_publish" | "pinned" | "rotation";

/** How one signature's key relates to the pinned set. */
export type SignerKeyStatus = "pinned" | "new" | "retired";

/** The outcome of the pinned-key rule for one bundle. */
export interface KeyCheck {
  outcome: KeyOutcome;
  signers: { signer: string; fingerprint: string; status: SignerKeyStatus }[];
  /** The keys this publish pins, with the signer id they were seen under. */
  added: { signer: string; fingerprint: string; publicKey: string | null }[];
  /** The package's active keys before this publish. */
  pinned: PinnedKey[];
}

/**
 * Judges verified signatures against the pinned keys: at least one active pinned key must have
 * signed; a retired key never counts and is never pinned again. Throws signer_key_not_pinned.
 */
export function checkPinnedKeys(
  name: string,
  signers: readonly SignerResult[],
  pinned: readonly PinnedKey[],
  publicKeyOf: (signer: string) => string | null = () => null,
): KeyCheck {
  const known = new Map(pinned.map((k) => [k.fingerprint, k]));
  const active = pinned.filter((k) => k.status === "active");
  const seen = signers.filter((s) => s.keyDigest !== null).map((s) => ({
    signer: s.signer,
    fingerprint: s.keyDigest!,
    status: statusOf(known.get(s.keyDigest!)),
  }));
  const added = seen.filter((s) => s.status === "new")
    .map(({ signer, fingerprint }) => ({ signer, fingerprint, publicKey: publicKeyOf(signer) }));
  if (pinned.length === 0) {
    return { outcome: "first_publish", signers: seen, added, pinned: [] };
  }
  if (!seen.some((s) => s.status === "pinned")) {
    throw new BundleError("signer_key_not_pinned", notPinnedMessage(name, seen, active), {
      step: 9,
      file: "public-keys.json",
      field: "signers",
      expected: active.map((k) => k.fingerprint).join(", ") || "an active pinned key",
      found: seen.map((s) => s.fingerprint).join(", "),
    });
  }
  return { outcome: added.length ? "rotation" : "pinned", signers: seen, added, pinned: active };
}

function statusOf(key: PinnedKey | undefined): SignerKeyStatus {
  return !key ? "new" : key.status === "active" ? "pinned" : "retired";
}

function notPinnedMessage(
  name: string,
  seen: KeyCheck["signers"],
  active: readonly PinnedKey[],
): string {
  const by = seen.map((s) =>
    `${JSON.stringify(s.signer)} ${s.fingerprint}${s.status === "retired" ? " (retired)" : ""}`
  ).join(", ");
  const pinned = active.map((k) => `${JSON.stringify(k.signer)} ${k.fingerprint}`).join(", ");
  return `No pinned key of ${name} signed this version: it is signed by ${by}, and the pinned ` +
    `keys are ${pinned || "none (every key is retired)"}; sign with a pinned key as well (the ` +
    `new key is then pinned by rotation), or add the new key in the package's settings ` +
    `(/packages/${name}/keys, or POST /v1/packages/${name}/keys)`;
}
