// The whole data model, by domain (lib/db/schema/). drizzle-kit generates migrations/ from
// this file and what it exports; CI fails when the two disagree. Timestamps are integer
// milliseconds since the epoch (Date in TypeScript); the API renders them as RFC 3339.
export * from "./schema/accounts.ts";
export * from "./schema/packages.ts";
export * from "./schema/contexts.ts";
export * from "./schema/orgs.ts";
export * from "./schema/alerts.ts";
export * from "./schema/jobs.ts";
