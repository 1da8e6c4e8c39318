import { define } from "@/lib/define.ts";
import { ownVersionOr404 } from "@/lib/packages/guards.ts";
import { downloadResponse } from "@/lib/packages/download.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const { pkg, version } = await ownVersionOr404(ctx, "packages:read");
    return downloadResponse(ctx.state.services, ctx.req, {
      name: pkg.name,
      version,
      part: "bundle",
      public: false,
    });
  },
});
