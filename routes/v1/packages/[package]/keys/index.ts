import { define } from "@/lib/define.ts";
import { commandInput } from "@/lib/http/command_input.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { AddKeyInput, addSignerKey, listSignerKeys } from "@/lib/packages/key_commands.ts";
import { SignerKeysJson, signerKeysJson } from "@/lib/packages/key_json.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { packageRef, refParams } from "@/lib/http/package_ref.ts";

export const access: RouteAccess = { GET: "package.read", POST: "package.keys" };

export const handler = define.handlers({
  async GET(ctx) {
    const { pkg, keys } = await listSignerKeys(
      ctx.state.services,
      ctx.state.actor,
      packageRef(ctx),
    );
    return Response.json(signerKeysJson(pkg, keys));
  },
  // Pin a key: later versions signed by it alone are accepted.
  async POST(ctx) {
    const input = await commandInput(ctx.req, refParams(ctx));
    const { pkg, keys } = await addSignerKey(ctx.state.services, ctx.state.actor, input);
    return Response.json(signerKeysJson(pkg, keys), { status: 201 });
  },
});

export const api = describe({
  GET: {
    summary: "The package's pinned signer keys, active and retired, with their history",
    responses: { 200: { description: "The keys, oldest first", json: SignerKeysJson } },
  },
  POST: {
    summary: "Pin a signer key (token scope packages:keys); the owners are mailed",
    description: "A version must be signed by at least one active pinned key (docs/adr/0011).",
    body: {
      content: { "application/json": AddKeyInput.omit({ package: true }) },
      example: { signer: "alice.dev", public_key: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" },
    },
    responses: { 201: { description: "Pinned; every key", json: SignerKeysJson } },
    errors: [409],
  },
});
