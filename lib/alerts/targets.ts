// Where a webhook may point. In production, not at this machine or its private network (a
// webhook is a request the server makes on a user's behalf: SSRF); tests and development
// post to receivers on 127.0.0.1. The check is on the URL's host as written; deliver.ts
// repeats it on the addresses the host resolves to.

const PRIVATE_V4 = [
  /^0\./,
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

/** Whether an IP address is loopback, private, link-local or unspecified. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (a.includes(":")) {
    if (a === "::" || a === "::1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
  }
  return PRIVATE_V4.some((r) => r.test(a));
}

/** Why a webhook URL is refused, or null. */
export function webhookTargetProblem(url: string, production: boolean): string | null {
  if (!production) return null;
  const u = new URL(url);
  if (u.protocol !== "https:") return "must be an https URL";
  const host = u.hostname.toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host)) {
    return "must not point at this server or a private network";
  }
  return null;
}
