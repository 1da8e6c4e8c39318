// The handle an imported user gets: the old username (else name, else the email's local part)
// made to pass lib/auth/handles.ts checkHandle, and made unique with a numeric suffix.
import { checkHandle } from "../auth/handles.ts";

const MAX = 39;

/** The old name folded to handle characters: "José Ñúñez" becomes "jose-nunez". */
export function handleBase(raw: string): string {
  const folded = raw.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "").slice(0, MAX).replace(/-+$/, "");
  return folded.length >= 2 ? folded : "user";
}

/**
 * The first of base, base-2, base-3, ... that checkHandle accepts and `isFree` says is free
 * (reserved handles such as "admin" become "admin-2").
 */
export async function uniqueHandle(
  base: string,
  isFree: (handle: string) => Promise<boolean>,
): Promise<string> {
  for (let n = 1;; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const candidate = base.slice(0, MAX - suffix.length).replace(/-+$/, "") + suffix;
    const checked = checkHandle(candidate);
    if ("handle" in checked && await isFree(checked.handle)) return checked.handle;
  }
}

/** Where a user's handle comes from, in the order the old data is most likely to hold it. */
export function handleSource(
  user: { username?: string | null; name?: string | null; email: string },
) {
  return user.username?.trim() || user.name?.trim() || user.email.split("@")[0]!;
}
