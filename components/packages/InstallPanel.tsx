import type { PackageVersion } from "@/lib/packages/versions.ts";
import { bundleFileName } from "@/lib/packages/download.ts";
import { ui } from "@/components/styles.ts";
import { Command } from "./Command.tsx";
import { VersionFacts, type VersionFactsInput } from "./Facts.tsx";

/**
 * Install and verify: download both files, check them with sha256sum, and what "Verified"
 * means. The inactu (provenact) specification names no command-line verifier or runner, so
 * the commands here need only curl and coreutils.
 */
export function InstallPanel(props: {
  name: string;
  latest: PackageVersion | null;
  facts: VersionFactsInput | null;
  /** The origin and path the versions download from. */
  base: string;
  /** A private package downloads through the API, with a token. */
  viaApi: boolean;
}) {
  const { latest, facts } = props;
  return (
    <section class={`${ui.card} p-5 space-y-4`} aria-labelledby="install">
      <div class="flex items-baseline justify-between gap-2">
        <h2 id="install" class={ui.h2}>Install and verify</h2>
        {latest && (
          <span class="font-mono text-sm text-slate-600">
            <span class="sr-only">Latest version</span>
            {latest.version}
          </span>
        )}
      </div>
      {latest && facts
        ? (
          <>
            <Command label="Download" code={downloadCommand(props, latest)} />
            <Command label="Check the files" code={checkCommand(props.name, latest)} />
            <p class="text-xs text-slate-600">
              Both lines must end in{" "}
              <code class="font-mono">OK</code>. The .wasm file is the bundle's{" "}
              <code class="font-mono">skill.wasm</code>.
            </p>
            <VerifiedMeaning />
            <VersionFacts facts={facts} />
          </>
        )
        : <p class="text-sm text-slate-600">Nothing is published yet.</p>}
    </section>
  );
}

/** "Verified" is a statement about signatures and keys, not about anyone's identity. */
function VerifiedMeaning() {
  return (
    <div class="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700 ring-1 ring-inset ring-slate-200 space-y-1">
      <p class="font-semibold text-slate-900">What "Verified" means</p>
      <p>
        Each signature matches the manifest under a public key that ships inside the same bundle
        (public-keys.json), and the manifest names this skill.wasm by its digest. The registry also
        requires a key the package pinned at its first version (Signer keys). It does not say who
        holds those keys: compare each key fingerprint with one the publisher gave you another way.
      </p>
    </div>
  );
}

function files(name: string, v: PackageVersion) {
  return { bundle: bundleFileName(name, v), wasm: `${name}-${v.version}.wasm` };
}

function downloadCommand(
  props: { name: string; base: string; viaApi: boolean },
  v: PackageVersion,
) {
  const f = files(props.name, v);
  const url = `${props.base}/${v.version}`;
  const auth = props.viaApi ? ` -H "Authorization: Bearer $INACTU_TOKEN"` : "";
  // One line: it wraps in the narrow column and still pastes as one command.
  return `curl -fL${auth} -o ${f.bundle} ${url}/bundle -o ${f.wasm} ${url}/artifact`;
}

function checkCommand(name: string, v: PackageVersion) {
  const f = files(name, v);
  const hex = (digest: string) => digest.replace(/^sha256:/, "");
  return `printf '%s  %s\\n' ${hex(v.archiveDigest)} ${f.bundle} ${
    hex(v.artifactDigest)
  } ${f.wasm} | sha256sum -c`;
}
