// What `deno task pull` is asked for: `@owner/name@range`, as npm writes scoped packages.
import { isPackageName } from "../packages/bundle/version.ts";

export interface PullSpec {
  owner: string;
  name: string;
  /** A semver range or `latest` (the server checks it). */
  range: string;
}

const SPEC = /^@([^/@\s]+)\/([^@\s]+)(?:@(.+))?$/;

/** Parses `@owner/name[@range]`; throws an Error that says what is expected. */
export function parsePullSpec(text: string): PullSpec {
  const m = SPEC.exec(text.trim());
  if (!m || !isPackageName(m[2]!)) {
    throw new Error(
      `"${text}" is not a package to pull; write @owner/name or @owner/name@range, such as ` +
        "@alice/echo.minimal@^1.2",
    );
  }
  return { owner: m[1]!.toLowerCase(), name: m[2]!, range: m[3]?.trim() || "latest" };
}
