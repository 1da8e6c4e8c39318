import { ownDownloadRoute } from "@/lib/http/download.ts";

// A version's file of any owner's package, for anyone the package is visible to.
export const { access, api, handler } = ownDownloadRoute(
  "bundle",
  "Download a version's signed bundle archive (any owner)",
  "public",
);
