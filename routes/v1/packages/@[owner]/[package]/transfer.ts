// Transfer a package to another owner (docs/adr/0010): {"to": "<handle>"}. Session-only, by
// someone who may transfer on both sides; the old path then redirects to the new one.
import { z } from "zod";
import { define } from "@/lib/define.ts";
import { KiB } from "@/lib/http/body.ts";
import { commandInput } from "@/lib/http/command_input.ts";
import { refParams } from "@/lib/http/package_ref.ts";
import { transferPackage } from "@/lib/packages/transfer.ts";
import { PackageJson, packageJson } from "@/lib/packages/json.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "package.transfer";

export const handler = define.handlers({
  async POST(ctx) {
    const input = await commandInput(ctx.req, refParams(ctx), KiB);
    const moved = await transferPackage(ctx.state.services, ctx.state.actor, input);
    return Response.json({ package: packageJson(moved.pkg, { owner: moved.owner.handle }) });
  },
});

export const api = describe({
  POST: {
    summary: "Transfer a package to yourself or an organization you own or administer",
    description: "Browser sessions only. Versions, digests and the audit history move with the " +
      "package; its old path answers 308 with its new one.",
    body: {
      content: { "application/json": z.strictObject({ to: z.string() }) },
      example: { to: "acme" },
    },
    responses: { 200: { description: "The package", json: z.object({ package: PackageJson }) } },
    errors: [409],
  },
});
