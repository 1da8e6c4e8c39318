import { ownDownloadHandler } from "@/lib/packages/download.ts";

// The caller's own version's archive, private or public; anyone else's is a 404.
export const handler = ownDownloadHandler("bundle");
