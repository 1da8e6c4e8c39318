import { publicCache } from "@/components/packages/public_cache.ts";

// Explore is public and the same for every visitor.
export const handler = publicCache;
