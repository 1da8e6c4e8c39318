import { publicDownloadHandler } from "@/lib/http/download.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "public";

// A public version's skill.wasm, for anyone; private and missing packages are the same 404.
export const handler = publicDownloadHandler("artifact");
