import { define } from "@/lib/define.ts";
import { KiB, readJson } from "@/lib/http/body.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { versionFor } from "@/lib/packages/access.ts";
import { checkPolicy, PolicyCheckBody, PolicyResultJson } from "@/lib/packages/policy_check.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { packageRef } from "@/lib/http/package_ref.ts";

export const access: RouteAccess = "package.read";

export const handler = define.handlers({
  // A question, not a change: a denied capability is an answer (allowed: false), not an error.
  async POST(ctx) {
    const body = await readJson(ctx.req, PolicyCheckBody, { maxBytes: 128 * KiB });
    const { pkg, version } = await versionFor(ctx.state.services, ctx.state.actor, "package.read", {
      ...packageRef(ctx),
      version: ctx.params.version!,
    });
    return Response.json({
      package: pkg.name,
      version: version.version,
      ...checkPolicy(version, body.policy),
    });
  },
});

export const api = describe({
  POST: {
    summary: "Check a version against a capability policy",
    description: "The policy format and matching of POST /v1/verify/manifest (docs/verifier.md). " +
      "allowed: every capability is within capability_ceiling and a verified signer is in " +
      "trusted_signers.",
    body: {
      content: { "application/json": PolicyCheckBody },
      example: {
        policy: {
          version: 1,
          trusted_signers: ["alice.dev"],
          capability_ceiling: { fs: { read: ["/data"] } },
        },
      },
    },
    responses: {
      200: { description: "The verdict, per capability and signer", json: PolicyResultJson },
    },
  },
});
