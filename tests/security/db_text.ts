// Every stored value of every table as one text, to prove a secret was never written anywhere.
import type { TestApp } from "../helpers/app.ts";

/** All rows of all tables (migrations bookkeeping aside), serialized. */
export async function databaseText(app: TestApp): Promise<string> {
  const client = app.services.database.client;
  const tables = (await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
  )).rows.map((r) => String(r.name));
  const parts: string[] = [];
  for (const t of tables) {
    parts.push(t, JSON.stringify((await client.execute(`SELECT * FROM "${t}"`)).rows));
  }
  return parts.join("\n");
}

/** Lowercase hex SHA-256 of a string, computed here rather than by the code under test. */
export async function sha256HexOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The bytes a base64url string (no padding) decodes to. */
export function base64urlBytes(text: string): number {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error(`not base64url: ${text}`);
  return Math.floor(text.length * 6 / 8);
}
