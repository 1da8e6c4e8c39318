// Small formatting helpers shared by the package pages.

/** "sha256:1a2b3c4d5e6f…": enough of a digest to tell versions apart in a table. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}

/** "2026-11-25": a date that reads the same tomorrow, for pages that caches keep. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Service messages start in lower case for the API; on a page they start a sentence. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** What a capability kind lets a skill do, for the capabilities table; null when unknown. */
export function describeCapability(kind: string): string | null {
  return CAPABILITIES[kind] ?? null;
}

const CAPABILITIES: Record<string, string> = {
  "fs.read": "Read files under this path",
  "fs.write": "Write files under this path",
  "net.http": "Make HTTP requests to this origin",
  "kv.read": "Read keys from the key-value store",
  "kv.write": "Write keys to the key-value store",
  "queue.consume": "Take messages from queues",
  "queue.publish": "Put messages on queues",
  "random.bytes": "Draw random bytes",
  "time.now": "Read the current time",
  "env": "Read this environment variable",
  "exec": "Run this program",
};

/**
 * The dashboard page of a package: `/packages/{name}` for the signed-in user's own, and the
 * owner-qualified `/packages/@{owner}/{name}` for an organization's (docs/adr/0010).
 */
export function dashboardPath(owner: string, self: string, name: string): string {
  return owner === self ? `/packages/${name}` : `/packages/@${owner}/${name}`;
}

/** The query naming the package (and its owner) that the publish form and review carry along. */
export function targetQuery(owner: string | null | undefined, name: string | null | undefined) {
  return (owner ? `&owner=${encodeURIComponent(owner)}` : "") +
    (name ? `&package=${encodeURIComponent(name)}` : "");
}
