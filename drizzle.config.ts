// drizzle-kit (run with npx under Node) reads this to generate migrations/ from the schema.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "turso",
  schema: "./lib/db/schema.ts",
  out: "./migrations",
  casing: "snake_case",
});
