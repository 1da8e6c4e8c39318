import { ownDownloadRoute } from "@/lib/http/download.ts";

// A version's file of any owner's package, for anyone the package is visible to.
export const { access, api, handler } = ownDownloadRoute(
  "artifact",
  "Download a version's skill.wasm (any owner)",
  "public",
);
