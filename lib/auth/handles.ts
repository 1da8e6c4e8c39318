// What a handle (the owner name in public URLs) may be.

export const HANDLE_RULES =
  "2 to 39 characters: lowercase letters, digits and hyphens, starting with a letter or digit";

// Handles name public URLs (/@handle) and must not collide with our own paths or suggest
// that someone speaks for the service.
export const RESERVED_HANDLES = new Set([
  "about",
  "account",
  "accounts",
  "admin",
  "administrator",
  "api",
  "app",
  "assets",
  "audit",
  "billing",
  "blog",
  "contexts",
  "dashboard",
  "dev",
  "docs",
  "explore",
  "forgot",
  "help",
  "inactu",
  "login",
  "logout",
  "mail",
  "me",
  "new",
  "null",
  "org",
  "orgs",
  "owner",
  "packages",
  "provenact",
  "register",
  "reset",
  "root",
  "security",
  "settings",
  "signin",
  "signup",
  "static",
  "status",
  "support",
  "system",
  "team",
  "teams",
  "tokens",
  "undefined",
  "user",
  "users",
  "v1",
  "v2",
  "verify",
  "www",
]);

/** Lowercased handle, or an error message saying what is allowed. */
export function checkHandle(input: string): { handle: string } | { error: string } {
  const handle = input.trim().toLowerCase();
  if (handle.length < 2 || handle.length > 39 || !/^[a-z0-9][a-z0-9-]*$/.test(handle)) {
    return { error: `Handle must be ${HANDLE_RULES}` };
  }
  if (RESERVED_HANDLES.has(handle)) {
    return { error: `The handle "${handle}" is reserved; choose another` };
  }
  return { handle };
}
