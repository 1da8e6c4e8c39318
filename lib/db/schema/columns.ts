import { integer } from "drizzle-orm/sqlite-core";

/** Timestamps are integer milliseconds since the epoch (Date in TypeScript). */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
