// The API tokens that act for an organization (docs/adr/0010): its owners and admins list them
// and revoke any of them. A revocation is recorded in the organization's log and in the log of
// the user whose token it was, so they learn why it stopped working.
import { command } from "../validation.ts";
import { DomainError } from "../errors.ts";
import { auditInsert } from "../audit/audit.ts";
import { auditActor } from "../access/policy.ts";
import {
  type ApiTokenInfo,
  listOwnerApiTokens,
  revokeOwnerApiTokenQuery,
} from "../auth/api_tokens.ts";
import { getAccount } from "../auth/accounts.ts";
import { TOKEN_NOT_FOUND } from "../auth/manage.ts";
import { OrgRef, OrgTokenRef } from "./inputs.ts";
import { orgFor } from "./access.ts";
import { orgAudit } from "./audit.ts";

export type OrgToken = ApiTokenInfo & { userId: string; user: string };

/** Every token that acts (or acted) for the organization, newest first, with its user. */
export const listOrgTokens = command(OrgRef, async (s, actor, input) => {
  const { org, role } = await orgFor(s, actor, "org.tokens", input.org);
  return { org, role, tokens: await listOwnerApiTokens(s.db, org.id) as OrgToken[] };
});

/** Revokes one token acting for the organization, whichever member it belongs to. */
export const revokeOrgToken = command(OrgTokenRef, async (s, actor, input): Promise<void> => {
  const { org, actor: user } = await orgFor(s, actor, "org.tokens", input.org);
  const token = (await listOwnerApiTokens(s.db, org.id)).find((t) => t.id === input.id);
  if (!token || token.revokedAt) throw new DomainError("not_found", TOKEN_NOT_FOUND);
  const holder = await getAccount(s.db, token.userId);
  const now = s.clock();
  const event = {
    action: "token.revoke",
    targetType: "api_token",
    targetId: token.id,
    metadata: { name: token.name, owner: org.handle, user: token.user, by: "org_admin" },
  } as const;
  await s.db.batch([
    revokeOwnerApiTokenQuery(s.db, org.id, token.id, now),
    orgAudit(s.db, user, org.id, event, now),
    ...(holder
      ? [auditInsert(s.db, { ...auditActor(user)!, ownerId: holder.ownerId }, event, now)]
      : []),
  ]);
});
