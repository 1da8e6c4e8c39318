import { z } from "zod";
import { define } from "@/lib/define.ts";
import { readJson } from "@/lib/http/body.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { DeprecationMessage, setDeprecation } from "@/lib/packages/deprecation.ts";
import type { PackageVersion } from "@/lib/packages/versions.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { packageRef } from "@/lib/http/package_ref.ts";

export const access: RouteAccess = "package.update";

const Body = z.strictObject({ message: DeprecationMessage.optional() });
const Deprecation = z.object({
  package: z.string(),
  version: z.string(),
  deprecated_at: z.string().meta({ format: "date-time" }).nullable(),
  deprecation_message: z.string().nullable(),
});

function answer(name: string, version: PackageVersion): Response {
  const body: z.infer<typeof Deprecation> = {
    package: name,
    version: version.version,
    deprecated_at: version.deprecatedAt?.toISOString() ?? null,
    deprecation_message: version.deprecationMessage,
  };
  return Response.json(body);
}

export const handler = define.handlers({
  // Deprecate (idempotent: the first time is kept). The body is optional, as in the inactu
  // control API; {"message": "..."} says why.
  async POST(ctx) {
    const body = await readJson(ctx.req, Body, { maxBytes: 16 * 1024, optional: true });
    const { pkg, version } = await setDeprecation(ctx.state.services, ctx.state.actor, {
      ...packageRef(ctx),
      version: ctx.params.version!,
      deprecated: true,
      message: body.message,
    });
    return answer(pkg.name, version);
  },
  // Undo a deprecation.
  async DELETE(ctx) {
    const { pkg, version } = await setDeprecation(ctx.state.services, ctx.state.actor, {
      ...packageRef(ctx),
      version: ctx.params.version!,
      deprecated: false,
    });
    return answer(pkg.name, version);
  },
});

export const api = describe({
  POST: {
    summary: "Deprecate a version (idempotent), optionally saying why",
    body: {
      required: false,
      content: { "application/json": Body },
      example: { message: "use 2.0.0" },
    },
    responses: { 200: { description: "The version's deprecation", json: Deprecation } },
  },
  DELETE: {
    summary: "Undo a version's deprecation",
    responses: { 200: { description: "The version's deprecation", json: Deprecation } },
  },
});
