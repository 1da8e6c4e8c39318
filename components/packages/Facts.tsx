import { formatBytes } from "@/lib/bytes.ts";
import type { ComponentChildren } from "preact";
import type { PackageVersion } from "@/lib/packages/versions.ts";
import type { VerificationReport } from "@/lib/packages/bundle/verify.ts";
import CopyButton from "@/islands/CopyButton.tsx";
import { ScrollBox } from "../ScrollBox.tsx";
import { ui } from "../styles.ts";
import { SignerBadge } from "./Badges.tsx";
import { describeCapability } from "./format.ts";
import { DataTable } from "../DataTable.tsx";

/** What the install and verify facts show, from a stored version or a fresh report. */
export interface VersionFactsInput {
  artifactDigest: string | null;
  manifestHash: string | null;
  keysDigest: string | null;
  /** keyDigest: sha-256 of the signer's raw public key, its fingerprint. */
  signers: { signer: string; algorithm: string; keyDigest: string | null; verified: boolean }[];
  capabilities: { kind: string; value: string }[];
  wasmSize: number | null;
  entrypoint: string | null;
}

/** The facts of a published version. */
export function factsOfVersion(v: PackageVersion): VersionFactsInput {
  const manifest = v.manifest as { capabilities?: unknown; entrypoint?: unknown };
  return {
    artifactDigest: v.artifactDigest,
    manifestHash: v.manifestHash,
    keysDigest: v.keysDigest,
    signers: v.signers.map((s) => ({
      signer: String(s.signer),
      algorithm: String(s.algorithm),
      keyDigest: typeof s.key_digest === "string" ? s.key_digest : null,
      verified: s.verified === true,
    })),
    capabilities: capabilitiesOf(manifest.capabilities),
    wasmSize: v.wasmSize,
    entrypoint: entrypointOf(manifest.entrypoint),
  };
}

/** The facts a verification report established (some are null when it failed early). */
export function factsOfReport(r: VerificationReport): VersionFactsInput {
  return {
    artifactDigest: r.artifactDigest,
    manifestHash: r.manifestHash,
    keysDigest: r.keysDigest,
    signers: r.signers.map((s) => ({
      signer: s.signer,
      algorithm: s.algorithm,
      keyDigest: s.keyDigest,
      verified: s.verified,
    })),
    capabilities: capabilitiesOf(r.manifest?.capabilities),
    wasmSize: r.wasmSize,
    entrypoint: entrypointOf(r.manifest?.entrypoint),
  };
}

function capabilitiesOf(value: unknown): { kind: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) => ({ kind: String(c?.kind ?? ""), value: String(c?.value ?? "") }));
}

function entrypointOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "path" in value) {
    const v = value as { kind?: unknown; path?: unknown };
    return `${String(v.path)} (${String(v.kind)})`;
  }
  return null;
}

/** Artifact digest (copyable), manifest hash, keys digest, signers, entrypoint and size. */
export function VersionFacts({ facts }: { facts: VersionFactsInput }) {
  return (
    <dl class="grid grid-cols-2 gap-4 text-sm">
      <Fact label="Artifact digest (sha-256 of skill.wasm)" wide>
        {facts.artifactDigest
          ? (
            <div class="flex items-start gap-2">
              <code class="min-w-0 flex-1 break-all font-mono text-xs text-slate-900">
                {facts.artifactDigest}
              </code>
              <CopyButton text={facts.artifactDigest} label="Copy" />
            </div>
          )
          : <Unknown />}
      </Fact>
      <Fact label="Manifest hash (sha-256 of the canonical manifest)" wide>
        <Digest value={facts.manifestHash} />
      </Fact>
      <Fact label="Public keys digest" wide>
        <Digest value={facts.keysDigest} />
      </Fact>
      <Fact label="Signers" wide>
        {facts.signers.length === 0 ? <Unknown /> : (
          <ul class="space-y-2">
            {facts.signers.map((s) => (
              <li class="min-w-0 space-y-0.5">
                <div class="flex flex-wrap items-center gap-2">
                  <code class="break-all font-mono text-xs text-slate-900">{s.signer}</code>
                  <span class="text-xs text-slate-500">{s.algorithm}</span>
                  <SignerBadge verified={s.verified} />
                </div>
                <p class="text-xs text-slate-500">Key fingerprint (sha-256 of the public key)</p>
                {s.keyDigest
                  ? (
                    <code class="block break-all font-mono text-xs text-slate-900">
                      {s.keyDigest}
                    </code>
                  )
                  : <Unknown />}
              </li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact label="Entrypoint">
        {facts.entrypoint ? <code class="font-mono text-xs">{facts.entrypoint}</code> : <Unknown />}
      </Fact>
      <Fact label="skill.wasm size">
        {facts.wasmSize === null ? <Unknown /> : formatBytes(facts.wasmSize)}
      </Fact>
    </dl>
  );
}

/** The capabilities a skill asks for, as a table of kind, meaning and value. */
export function CapabilityTable(
  { capabilities }: { capabilities: VersionFactsInput["capabilities"] },
) {
  if (capabilities.length === 0) {
    return <p class="text-sm text-slate-600">None: this skill asks for no capabilities.</p>;
  }
  return (
    <ScrollBox label="Capabilities" class="rounded-md ring-1 ring-slate-200">
      <DataTable
        head={
          <>
            <th scope="col" class="px-3 py-2">Kind</th>
            <th scope="col" class="px-3 py-2">Value</th>
          </>
        }
      >
        {capabilities.map((c) => (
          <tr>
            <td class="px-3 py-2 align-top">
              <code class="font-mono text-xs text-slate-900">{c.kind}</code>
              {describeCapability(c.kind) && (
                <div class="text-xs text-slate-500">{describeCapability(c.kind)}</div>
              )}
            </td>
            <td class="px-3 py-2 align-top">
              <code class="break-all font-mono text-xs text-slate-900">{c.value}</code>
            </td>
          </tr>
        ))}
      </DataTable>
    </ScrollBox>
  );
}

// Each term and its details in one div: the only wrapper a <dl> may hold around them.
function Fact(
  { label, wide, children }: { label: string; wide?: boolean; children: ComponentChildren },
) {
  return (
    <div class={wide ? "col-span-2 min-w-0" : "min-w-0"}>
      <dt class="text-xs font-medium text-slate-500">{label}</dt>
      <dd class="mt-1 text-slate-900">{children}</dd>
    </div>
  );
}

function Digest({ value }: { value: string | null }) {
  return value
    ? <code class="block break-all font-mono text-xs text-slate-900">{value}</code>
    : <Unknown />;
}

function Unknown() {
  return <span class={ui.absent}>not established</span>;
}
