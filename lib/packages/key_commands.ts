// Rotating a package's pinned signer keys in its settings (docs/adr/0011): add a key (its public
// key as public-keys.json holds it) or retire one. One command each for the settings page and
// /v1/packages/{package}/keys; audited in the same batch, then mailed to the package's owners.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Services } from "../services.ts";
import { orgMembers, owners, packages, packageSignerKeys, users } from "../db/schema.ts";
import type { Actor } from "../access/policy.ts";
import { auditInsert } from "../audit/audit.ts";
import { DomainError } from "../errors.ts";
import { command } from "../validation.ts";
import { getAccount } from "../auth/accounts.ts";
import { sha256Digest } from "../artifacts/digest.ts";
import { signerKeyChangedEmail } from "../mail/templates.ts";
import { decodeStrictBase64 } from "./bundle/signing.ts";
import { signerId } from "./bundle/schemas.ts";
import type { Package } from "./packages.ts";
import { packageAuditActor, packageFor, type PackageRef, writablePackageFor } from "./access.ts";
import { pinnedKeysOf, type SignerKey, storeKeysWrites } from "./signer_keys.ts";

const PUBLIC_KEY_HINT = "must be base64 of a raw 32-byte Ed25519 public key, as in " +
  "public-keys.json, such as 11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

export const AddKeyInput = z.strictObject({
  owner: z.string().optional(),
  package: z.string(),
  signer: signerId,
  public_key: z.string().trim().refine((v) => decodeStrictBase64(v)?.length === 32, {
    error: PUBLIC_KEY_HINT,
  }),
});

export const RetireKeyInput = z.strictObject({
  owner: z.string().optional(),
  package: z.string(),
  fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/, {
    error: "must be a key fingerprint: sha256: and 64 lowercase hex digits",
  }),
});

/** The package's keys, for anyone who may read the package. */
export async function listSignerKeys(
  s: Services,
  actor: Actor,
  name: string | PackageRef,
): Promise<{ pkg: Package; keys: SignerKey[] }> {
  const pkg = await packageFor(s, actor, "package.read", name);
  return { pkg, keys: (await pinnedKeysOf(s.db, pkg.id)).keys };
}

/** Pins a public key for the package (or makes a retired one active again). */
export const addSignerKey = command(AddKeyInput, async (s, actor, input) => {
  const pkg = await writablePackageFor(s, actor, "package.keys", {
    owner: input.owner,
    package: input.package,
  });
  const raw = decodeStrictBase64(input.public_key)!;
  const fingerprint = await sha256Digest(raw);
  const pinned = await pinnedKeysOf(s.db, pkg.id);
  const existing = pinned.keys.find((k) => k.fingerprint === fingerprint);
  if (existing?.status === "active") {
    throw new DomainError(
      "conflict",
      `The key ${fingerprint} is already pinned for ${pkg.name} (signer ${existing.signer})`,
    );
  }
  const a = packageAuditActor(actor, pkg);
  const now = s.clock();
  const write = existing
    ? s.db.update(packageSignerKeys).set({
      status: "active",
      retiredAt: null,
      retiredByUserId: null,
    })
      .where(
        and(
          eq(packageSignerKeys.packageId, pkg.id),
          eq(packageSignerKeys.fingerprint, fingerprint),
        ),
      )
    : s.db.insert(packageSignerKeys).values({
      id: crypto.randomUUID(),
      packageId: pkg.id,
      signer: input.signer,
      algorithm: "ed25519",
      fingerprint,
      publicKey: input.public_key,
      status: "active",
      addedVia: "settings",
      addedInVersion: null,
      addedByUserId: a.userId ?? null,
      addedAt: now,
    });
  // The keys read from versions are stored first, so the change applies to them.
  await s.db.batch([
    touch(s, pkg, now),
    ...storeKeysWrites(s.db, pinned),
    write,
    auditInsert(s.db, a, keyEvent("package.key_add", pkg, input.signer, fingerprint), now),
  ]);
  await mailOwners(s, actor, pkg, { change: "added", signer: input.signer, fingerprint, at: now });
  return { pkg, keys: (await pinnedKeysOf(s.db, pkg.id)).keys, fingerprint };
});

/** Retires a pinned key: versions signed only by it are refused from now on. */
export const retireSignerKey = command(RetireKeyInput, async (s, actor, input) => {
  const pkg = await writablePackageFor(s, actor, "package.keys", {
    owner: input.owner,
    package: input.package,
  });
  const pinned = await pinnedKeysOf(s.db, pkg.id);
  const key = pinned.keys.find((k) => k.fingerprint === input.fingerprint);
  if (!key) {
    throw new DomainError("not_found", `No key ${input.fingerprint} is pinned for ${pkg.name}`);
  }
  if (key.status === "retired") return { pkg, keys: pinned.keys, fingerprint: key.fingerprint };
  if (!pinned.keys.some((k) => k.status === "active" && k.fingerprint !== key.fingerprint)) {
    throw new DomainError(
      "conflict",
      `The key ${key.fingerprint} is the last active key of ${pkg.name}; add its replacement first, ` +
        "then retire it",
    );
  }
  const a = packageAuditActor(actor, pkg);
  const now = s.clock();
  await s.db.batch([
    touch(s, pkg, now),
    ...storeKeysWrites(s.db, pinned),
    s.db.update(packageSignerKeys).set({
      status: "retired",
      retiredAt: now,
      retiredByUserId: a.userId ?? null,
    }).where(
      and(
        eq(packageSignerKeys.packageId, pkg.id),
        eq(packageSignerKeys.fingerprint, key.fingerprint),
      ),
    ),
    auditInsert(s.db, a, keyEvent("package.key_retire", pkg, key.signer, key.fingerprint), now),
  ]);
  await mailOwners(s, actor, pkg, {
    change: "retired",
    signer: key.signer,
    fingerprint: key.fingerprint,
    at: now,
  });
  return { pkg, keys: (await pinnedKeysOf(s.db, pkg.id)).keys, fingerprint: key.fingerprint };
});

// The public pages are cached by the package's updated_at: they show the keys.
function touch(s: Services, pkg: Package, now: Date) {
  return s.db.update(packages).set({ updatedAt: now }).where(eq(packages.id, pkg.id));
}

function keyEvent(
  action: "package.key_add" | "package.key_retire",
  pkg: Package,
  signer: string,
  fingerprint: string,
) {
  return {
    action,
    targetType: "package",
    targetId: pkg.id,
    metadata: { package: pkg.name, signer, fingerprint },
  };
}

/** The addresses of a package's owners: the user, or an organization's owners. */
async function ownerEmails(s: Services, ownerId: string): Promise<string[]> {
  const [owner] = await s.db.select({ kind: owners.kind, userId: owners.userId }).from(owners)
    .where(eq(owners.id, ownerId)).limit(1);
  if (!owner) return [];
  if (owner.kind === "user") {
    const [user] = await s.db.select({ email: users.email }).from(users)
      .where(eq(users.id, owner.userId!)).limit(1);
    return user ? [user.email] : [];
  }
  const rows = await s.db.select({ email: users.email }).from(orgMembers)
    .innerJoin(users, eq(users.id, orgMembers.userId))
    .where(and(eq(orgMembers.orgId, ownerId), eq(orgMembers.role, "owner")));
  return rows.map((r) => r.email);
}

// After the change is committed: a mail that cannot be delivered is logged, never undoes it.
async function mailOwners(
  s: Services,
  actor: Actor,
  pkg: Package,
  change: { change: "added" | "retired"; signer: string; fingerprint: string; at: Date },
) {
  const by = actor.kind === "user" ? (await getAccount(s.db, actor.userId))?.handle : null;
  for (const to of await ownerEmails(s, pkg.ownerId)) {
    const content = signerKeyChangedEmail({
      publicOrigin: s.config.publicOrigin,
      package: pkg.name,
      by: by ?? "someone",
      ...change,
    });
    await s.mailer.send({ to, ...content }).catch((error) =>
      s.logger.error("mail delivery failed", { to, subject: content.subject, error: String(error) })
    );
  }
}
