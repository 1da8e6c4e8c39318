// The organizations of the signed-in user (GET /v1/orgs, the dashboard).
import type { Services } from "../services.ts";
import { type Actor, authorizeOwn } from "../access/policy.ts";
import { orgsOf } from "./orgs.ts";

export async function myOrgs(s: Services, a: Actor) {
  const actor = authorizeOwn(a, "org.list");
  return await orgsOf(s.database, actor.userId);
}
