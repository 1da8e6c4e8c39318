import { define } from "@/lib/define.ts";
import { ownSnapshot } from "@/lib/verifier/snapshot_export.ts";
import { snapshotResponse } from "@/lib/http/snapshot_response.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "package.read";

// The registry snapshot (spec/registry/snapshot.schema.json) of every version of the caller's
// packages, private ones included.
export const handler = define.handlers({
  async GET(ctx) {
    const snapshot = await ownSnapshot(ctx.state.services, ctx.state.actor);
    return snapshotResponse(ctx.req, snapshot, { public: false });
  },
});
