import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { isJsonRequest, MiB, readBodyCapped } from "@/lib/http/body.ts";
import { BundleError } from "@/lib/packages/bundle/errors.ts";
import { parseStrictJson } from "@/lib/packages/bundle/strict_json.ts";
import {
  manifestVerificationMessage,
  verifyManifestDocument,
} from "@/lib/packages/bundle/verify_manifest.ts";
import { type Capability, enforceCeiling, parsePolicy } from "@/lib/verifier/policy.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { z } from "zod";
import { describe, raw } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  POST: {
    summary: "Verify a manifest, and optionally its capabilities against a policy",
    body: {
      content: {
        "application/json": raw({
          type: "object",
          required: ["manifest"],
          properties: {
            manifest: { type: "object" },
            policy: { type: ["object", "string", "null"], description: "JSON, or a YAML document" },
          },
          additionalProperties: false,
        }),
      },
    },
    responses: {
      200: {
        description: "The manifest is valid",
        json: z.object({
          schema_version: z.string(),
          name: z.string(),
          version: z.string(),
          artifact: z.string(),
          capability_ceiling_ok: z.boolean(),
        }),
      },
    },
  },
});

// As the inactu control API: {manifest, policy?} in, {schema_version, name, version, artifact,
// capability_ceiling_ok} out; every failure is 400 with its reason. No sign-in needed.
export const handler = define.handlers({
  async POST(ctx) {
    if (!isJsonRequest(ctx.req)) throw new HttpError(415, "Content-Type must be application/json");
    const bytes = await readBodyCapped(ctx.req, 2 * MiB);
    try {
      // Strict: duplicate keys and __proto__ are refused, as in bundle files.
      const body = parseStrictJson(bytes, { file: "request body" });
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw new HttpError(400, "request body must be a JSON object with a manifest field");
      }
      const { manifest, policy, ...rest } = body as Record<string, unknown>;
      const unknown = Object.keys(rest);
      if (unknown.length) throw new HttpError(400, `unknown field ${unknown.join(", ")}`);
      if (manifest === undefined) throw new HttpError(400, "manifest: is required");
      const result = verifyManifestDocument(manifest, {
        experimentalManifests: ctx.state.services.config.experimentalManifests,
      });
      // The policy (JSON, or a YAML document as a string) is checked once the manifest is valid.
      if (policy !== undefined && policy !== null) {
        const { capabilities } = manifest as { capabilities: Capability[] };
        result.capability_ceiling_ok = enforceCeiling(capabilities, parsePolicy(policy));
      }
      return Response.json(result);
    } catch (error) {
      if (error instanceof BundleError) {
        const message = error.file === "request body"
          ? `request body is not valid JSON: ${error.message}`
          : manifestVerificationMessage(error);
        throw new HttpError(400, message);
      }
      throw error;
    }
  },
});
