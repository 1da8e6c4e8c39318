import { ownDownloadHandler } from "@/lib/http/download.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "package.read";

// The caller's own version's archive, private or public; anyone else's is a 404.
export const handler = ownDownloadHandler("bundle");
