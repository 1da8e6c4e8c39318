import { define } from "@/lib/define.ts";
import { publicSnapshot } from "@/lib/verifier/snapshot_export.ts";
import { SNAPSHOT_RESPONSES, snapshotResponse } from "@/lib/http/snapshot_response.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe } from "@/lib/openapi/describe.ts";

export const access: RouteAccess = "public";

export const api = describe({
  GET: {
    summary: "The registry snapshot of an owner's public versions",
    responses: SNAPSHOT_RESPONSES,
  },
});

// The registry snapshot of an owner's public package versions, for anyone: the same bytes
// whoever asks, the owner included (their private versions are at /v1/registry/snapshot).
export const handler = define.handlers({
  async GET(ctx) {
    const { snapshot } = await publicSnapshot(ctx.state.services, ctx.params.handle!);
    return snapshotResponse(ctx.req, snapshot, { public: true });
  },
});
