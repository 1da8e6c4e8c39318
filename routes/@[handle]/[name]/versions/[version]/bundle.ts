import { publicDownloadHandler } from "@/lib/packages/download.ts";

// A public version's archive, for anyone; private and missing packages are the same 404.
export const handler = publicDownloadHandler("bundle");
