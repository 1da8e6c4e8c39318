import { publicCache } from "@/lib/http/public_cache.ts";

// Every page under /@handle is public and the same for every visitor.
export const handler = publicCache;
