// deno-lint-ignore-file no-console -- a command-line entry point
// Fetches a skill from a registry, verifies it, and installs it where the inactu CLI runs it.
//
//   deno task pull @owner/name@range [--registry URL] [--home DIR] [--prerelease]
//
//   @owner/name@range  such as @alice/echo.minimal@^1.2 (without @range: latest)
//   --registry URL     the control plane (default $INACTU_REGISTRY, else http://localhost:8000)
//   --home DIR         the inactu home (default $INACTU_HOME, else ~/.inactu)
//   --prerelease       let the range choose a prerelease
//
// Private packages need an API token with packages:read in INACTU_TOKEN (never an argument:
// `deno task` prints its command line and the shell keeps it in its history).
import { join } from "node:path";
import { parsePullSpec } from "@/lib/pull/spec.ts";
import { pull } from "@/lib/pull/pull.ts";

const USAGE = "usage: deno task pull @owner/name[@range] [--registry URL] [--home DIR] " +
  "[--prerelease]\nPrivate packages: set INACTU_TOKEN to a token with packages:read.";

function fail(message: string): never {
  console.error(message);
  Deno.exit(2);
}

if (import.meta.main) {
  const args = [...Deno.args];
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    if (i === -1) return undefined;
    const [, v] = args.splice(i, 2);
    if (v === undefined) fail(`--${name} needs a value\n${USAGE}`);
    return v;
  };
  if (args.some((a) => a.startsWith("--token"))) {
    fail("--token would print the token; set INACTU_TOKEN instead");
  }
  const registry = value("registry") ?? Deno.env.get("INACTU_REGISTRY") ??
    "http://localhost:8000";
  const homeDir = Deno.env.get("HOME");
  const home = value("home") ?? Deno.env.get("INACTU_HOME") ??
    (homeDir ? join(homeDir, ".inactu") : fail("set INACTU_HOME or --home"));
  const prerelease = args.includes("--prerelease");
  const rest = args.filter((a) => a !== "--prerelease");
  if (rest.length !== 1) fail(USAGE);
  try {
    const spec = parsePullSpec(rest[0]!);
    const { resolved, dir } = await pull(spec, {
      registry,
      home,
      prerelease,
      token: Deno.env.get("INACTU_TOKEN")?.trim() || undefined,
    });
    const signers = resolved.signers.map((s) => `${s.signer} ${s.fingerprint}`).join("; ");
    console.log(`pulled @${resolved.owner}/${resolved.package}@${resolved.version}`);
    console.log(`  archive  ${resolved.archive_digest}`);
    console.log(`  artifact ${resolved.artifact_digest}`);
    console.log(`  signers  ${signers}`);
    if (resolved.deprecated_at) {
      console.log(`  deprecated: ${resolved.deprecation_message ?? "no message"}`);
    }
    console.log(`  installed in ${dir}`);
  } catch (error) {
    console.error(`pull failed: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
