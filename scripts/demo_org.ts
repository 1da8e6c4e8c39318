// The demo's organization (docs/adr/0010; scripts/demo.ts turns ORGS_ENABLED on): "acme", owned
// by the demo user, with a second member who joined through an invitation, a team, and an API
// token that acts for acme, which registers one of acme's contexts. It goes through the HTTP
// API as people and runtimes would: managing people is session-only, so both sign in.
import type { Config } from "../lib/config.ts";
import { openDatabase } from "../lib/db/client.ts";
import { createAccount, markVerifiedQuery } from "../lib/auth/accounts.ts";
import { hashPassword } from "../lib/auth/password.ts";

export const MEMBER = { email: "ada@example.com", handle: "ada", password: "ada-password-2026" };
export const ORG = "acme";

/** The second member's account, verified (written directly, like the demo account). */
export async function createMemberAccount(config: Config): Promise<void> {
  const database = await openDatabase(config.database);
  try {
    const now = new Date();
    const created = await createAccount(database.db, {
      email: MEMBER.email,
      handle: MEMBER.handle,
      passwordHash: await hashPassword(MEMBER.password),
    }, now);
    if (!("account" in created)) throw new Error("could not create the second demo account");
    await markVerifiedQuery(database.db, created.account.userId, now);
  } finally {
    database.close();
  }
}

/** A browser session of one account, as JSON calls through the API. */
async function signIn(origin: string, email: string, password: string) {
  const res = await fetch(`${origin}/v1/auth/login`, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`signing in ${email}: ${res.status} ${await res.text()}`);
  await res.body?.cancel();
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${origin}${path}`, {
      method,
      headers: {
        origin,
        cookie,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? undefined as T : await r.json() as T;
  };
}

/**
 * Creates acme with the demo user as owner and ada as a member (invited, accepted), the team
 * "core" with both on it, and a token acting for acme that registers an acme context; returns
 * that token.
 */
export async function seedOrg(origin: string, owner: { email: string; password: string }) {
  const demo = await signIn(origin, owner.email, owner.password);
  const ada = await signIn(origin, MEMBER.email, MEMBER.password);
  await demo("POST", "/v1/orgs", {
    handle: ORG,
    display_name: "Acme Robotics",
    description: "Skills for the warehouse robots",
    url: "https://acme.example",
  });
  const invitation = await demo<{ id: string }>("POST", `/v1/orgs/${ORG}/members`, {
    email: MEMBER.email,
    role: "member",
  });
  await ada("POST", `/v1/invitations/${invitation.id}/accept`);
  await demo("POST", `/v1/orgs/${ORG}/teams`, { slug: "core", name: "Core" });
  for (const user of ["demo", MEMBER.handle]) {
    await demo("PUT", `/v1/orgs/${ORG}/teams/core/members/${user}`);
  }
  const { token } = await demo<{ token: string }>("POST", "/v1/tokens", {
    name: "acme runtime",
    scopes: ["contexts:read", "contexts:write"],
    expires_in_days: 30,
    owner: ORG,
  });
  const res = await fetch(`${origin}/v1/contexts`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "running", region: "eu-north-1" }),
  });
  if (res.status !== 201) throw new Error(`acme context: ${res.status} ${await res.text()}`);
  await res.body?.cancel();
  return token;
}
