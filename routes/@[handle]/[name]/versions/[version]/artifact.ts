import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { getPublicPackage } from "@/lib/packages/packages.ts";
import { getVersion } from "@/lib/packages/versions.ts";
import { downloadResponse } from "@/lib/packages/download.ts";

// A public version's skill.wasm, for anyone; private and missing packages are the same 404.
export const handler = define.handlers({
  async GET(ctx) {
    const { db } = ctx.state.services;
    const pkg = await getPublicPackage(db, ctx.params.handle!.toLowerCase(), ctx.params.name!);
    if (!pkg) throw new HttpError(404, "Page not found");
    const version = await getVersion(db, pkg.id, ctx.params.version!);
    if (!version) throw new HttpError(404, "Page not found");
    return downloadResponse(ctx.state.services, ctx.req, {
      name: pkg.name,
      version,
      part: "artifact",
      public: true,
    });
  },
});
