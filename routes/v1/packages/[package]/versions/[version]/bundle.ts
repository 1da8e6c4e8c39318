import { ownDownloadRoute } from "@/lib/http/download.ts";

// The caller's own version's archive, private or public; anyone else's is a 404.
export const { access, api, handler } = ownDownloadRoute(
  "bundle",
  "Download a version's signed bundle archive",
);
