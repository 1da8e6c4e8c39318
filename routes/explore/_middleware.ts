import { publicCache } from "@/lib/http/public_cache.ts";

// Explore is public and the same for every visitor.
export const handler = publicCache;
