import { ownDownloadRoute } from "@/lib/http/download.ts";

// The caller's own version's skill.wasm, private or public; anyone else's is a 404.
export const { access, api, handler } = ownDownloadRoute(
  "artifact",
  "Download a version's skill.wasm",
);
