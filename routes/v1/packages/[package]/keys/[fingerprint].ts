import { define } from "@/lib/define.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { retireSignerKey } from "@/lib/packages/key_commands.ts";
import { SignerKeysJson, signerKeysJson } from "@/lib/packages/key_json.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { packageRef } from "@/lib/http/package_ref.ts";

export const access: RouteAccess = "package.keys";

export const handler = define.handlers({
  // Retire (the key stays listed, retired): versions signed only by it are refused.
  async DELETE(ctx) {
    const { pkg, keys } = await retireSignerKey(ctx.state.services, ctx.state.actor, {
      ...packageRef(ctx),
      fingerprint: ctx.params.fingerprint!,
    });
    return Response.json(signerKeysJson(pkg, keys));
  },
});

export const api = describe({
  DELETE: {
    summary: "Retire a pinned signer key (token scope packages:keys); the owners are mailed",
    description: "The last active key cannot be retired: add its replacement first.",
    responses: { 200: { description: "Retired (or already); every key", json: SignerKeysJson } },
    errors: [409],
  },
});
