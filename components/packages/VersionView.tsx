import type { ComponentChildren } from "preact";
import type { Package } from "@/lib/packages/packages.ts";
import type { PackageVersion } from "@/lib/packages/versions.ts";
import type { VersionTrust } from "@/lib/packages/trust.ts";
import type { PolicyResult, PolicyState } from "@/lib/packages/policy_check.ts";
import { ui } from "@/components/styles.ts";
import { FormError } from "@/components/forms.tsx";
import { DeprecatedBadge } from "./Badges.tsx";
import { CapabilityTable, factsOfVersion } from "./Facts.tsx";
import { CapabilityDiff, MoreCapabilitiesBadge } from "./CapabilityDiff.tsx";
import { VersionSigners } from "./SignerKeys.tsx";
import { InstallPanel } from "./InstallPanel.tsx";

/** One version: its signers and their keys, its capability change, the policy check, downloads. */
export function VersionView(props: {
  pkg: Package;
  version: PackageVersion;
  trust: VersionTrust;
  crumbs: ComponentChildren;
  /** Where this version's bundle and artifact download from (origin and path). */
  downloadBase: string;
  viaApi: boolean;
  policy: PolicyState;
  when: (date: Date) => ComponentChildren;
}) {
  const { pkg, version: v, trust } = props;
  const facts = factsOfVersion(v);
  return (
    <div class="space-y-6">
      <header class="space-y-3">
        <nav aria-label="Breadcrumb" class="text-sm text-slate-500">{props.crumbs}</nav>
        <div class="flex flex-wrap items-center gap-2">
          <h1 class="break-all font-mono text-2xl font-semibold tracking-tight text-slate-900">
            {pkg.name} {v.version}
          </h1>
          {v.version === pkg.latestVersion && (
            <span class="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
              latest
            </span>
          )}
          {v.deprecatedAt && <DeprecatedBadge />}
          {trust.change.increased && <MoreCapabilitiesBadge />}
        </div>
        <p class="text-sm text-slate-600">Published {props.when(v.publishedAt)}</p>
      </header>
      {v.deprecatedAt && (
        <div
          role="status"
          class="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-300"
        >
          <p class="font-semibold">This version is deprecated</p>
          <p class="mt-1 break-words">{v.deprecationMessage ?? "Deprecated without a message."}</p>
        </div>
      )}
      <div class="grid gap-6 lg:grid-cols-5">
        <div class="min-w-0 space-y-6 lg:col-span-3">
          <Card id="signers" title="Signers and their keys">
            <VersionSigners signers={trust.signers} event={trust.keyEvent} version={v.version} />
          </Card>
          <Card id="changes" title="Capability changes">
            <CapabilityDiff change={trust.change} />
          </Card>
          <Card id="capabilities" title="Capabilities">
            <CapabilityTable capabilities={facts.capabilities} />
          </Card>
          <PolicyCheck state={props.policy} />
        </div>
        <aside class="min-w-0 space-y-6 lg:col-span-2">
          <InstallPanel
            name={pkg.name}
            latest={v}
            facts={facts}
            base={props.downloadBase}
            viaApi={props.viaApi}
          />
        </aside>
      </div>
    </div>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class={`${ui.card} p-5 space-y-3`} aria-labelledby={id}>
      <h2 id={id} class={ui.h2}>{title}</h2>
      {children}
    </section>
  );
}

const POLICY_EXAMPLE =
  "version: 1\ntrusted_signers: [alice.dev]\ncapability_ceiling:\n  fs:\n    read: [/data]";

function PolicyCheck({ state }: { state: PolicyState }) {
  return (
    <Card id="policy" title="Check against a policy">
      <p class="text-sm text-slate-600">
        Paste a capability policy (YAML or JSON, as the inactu verifier reads it). Nothing is
        stored.
      </p>
      <form method="post" action="#policy" class="space-y-3">
        <FormError message={state.error ?? undefined} />
        <label for="field-policy" class="sr-only">Policy</label>
        <textarea
          id="field-policy"
          name="policy"
          rows={7}
          class={`${state.error ? ui.inputInvalid : ui.input} font-mono text-xs`}
          placeholder={POLICY_EXAMPLE}
        >
          {state.text}
        </textarea>
        <button type="submit" class={ui.buttonSecondary}>Check</button>
      </form>
      {state.result && <PolicyVerdict result={state.result} />}
    </Card>
  );
}

function PolicyVerdict({ result }: { result: PolicyResult }) {
  const tone = result.allowed
    ? "bg-emerald-50 text-emerald-900 ring-emerald-200"
    : "bg-red-50 text-red-900 ring-red-200";
  return (
    <div role="status" class={`space-y-2 rounded-md px-4 py-3 text-sm ring-1 ring-inset ${tone}`}>
      <p class="font-semibold">
        {result.allowed ? "Allowed by this policy" : "Not allowed by this policy"}
      </p>
      <ul class="space-y-1">
        {result.capabilities.map((c) => (
          <li class="break-all">
            {c.allowed ? "✓" : "✗"} <code class="font-mono text-xs">{c.kind} {c.value}</code>
            {c.allowed ? "" : " is outside the capability ceiling"}
          </li>
        ))}
        <li>
          {result.trusted_signer ? "✓ signed by a trusted signer" : "✗ no trusted signer signed it"}
          {" "}
          ({result.signers.map((s) =>
            s.signer
          ).join(", ") || "no verified signer"})
        </li>
      </ul>
    </div>
  );
}
