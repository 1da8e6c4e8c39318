import { publicDownloadHandler } from "@/lib/packages/download.ts";

// A public version's skill.wasm, for anyone; private and missing packages are the same 404.
export const handler = publicDownloadHandler("artifact");
