// Parity of creating an API token that acts for an organization (docs/adr/0010): the tokens
// page's form and POST /v1/tokens make the same token, or refuse with the same message.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import type { TestUser } from "../helpers/accounts.ts";
import { listApiTokens } from "@/lib/auth/api_tokens.ts";
import { makeOrg, ORGS_ON } from "../orgs/helpers.ts";
import { assertParity } from "./harness.ts";

async function tokens(app: TestApp, user: TestUser) {
  return (await listApiTokens(app.services.db, user.userId)).map((t) => ({
    name: t.name,
    scopes: t.scopes,
    owner: `${t.owner.kind}:${t.owner.kind === "org" ? t.owner.handle : "me"}`,
  }));
}

const doors = (owner: string) => ({
  form: {
    method: "POST",
    path: "/settings/tokens",
    form: {
      action: "create",
      name: "acme ci",
      owner,
      scopes: "contexts:write",
      expires_in_days: "30",
    },
  },
  api: {
    method: "POST",
    path: "/v1/tokens",
    json: { name: "acme ci", owner, scopes: ["contexts:write"], expires_in_days: 30 },
  },
});

Deno.test("creating a token that acts for an organization: the form and the API make the same token", async () => {
  const outcome = await assertParity({
    name: "create org token",
    env: ORGS_ON,
    setup: (app, user) => makeOrg(app, user, "acme"),
    ...doors("acme"),
    effect: tokens,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "token.create"]);
  assert.deepEqual(outcome.effect, [
    { name: "acme ci", scopes: ["contexts:write"], owner: "org:acme" },
  ]);
});

Deno.test("a token for an organization the user is not in is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "create token for a stranger org",
    env: ORGS_ON,
    setup: async () => {},
    ...doors("acme"),
    effect: tokens,
  });
  assert.deepEqual([outcome.status, outcome.message], [
    "400",
    "owner: Owner must be your own handle or the handle of an organization you belong to",
  ]);
});
