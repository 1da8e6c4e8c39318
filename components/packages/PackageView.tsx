import type { ComponentChildren } from "preact";
import { type Package, packageStatus } from "@/lib/packages/packages.ts";
import type { ListedVersion, PackageVersion } from "@/lib/packages/versions.ts";
import { ui } from "@/components/styles.ts";
import { StatusBadge, TagList, VisibilityBadge } from "./Badges.tsx";
import { InstallPanel } from "./InstallPanel.tsx";
import { CapabilityTable, factsOfVersion } from "./Facts.tsx";
import { Readme } from "./Readme.tsx";
import { VersionHistory } from "./VersionHistory.tsx";
import { DownloadChart } from "./DownloadChart.tsx";
import type { DownloadStats } from "@/lib/packages/downloads.ts";
import { PinnedKeyList } from "./SignerKeys.tsx";
import type { PackageTrust } from "@/lib/packages/trust.ts";

/** What both the owner's page and the public page of a package show. */
export interface PackageViewProps {
  pkg: Package;
  handle: string;
  versions: (PackageVersion & Partial<Pick<ListedVersion, "publishedBy">>)[];
  /** The owner's page addresses the package by its owner (an organization's, docs/adr/0010). */
  qualified?: boolean;
  /** The pinned keys and each version's key and capability facts. */
  trust: PackageTrust;
  /** Where a version's page is. */
  versionHref: (version: PackageVersion) => string;
  readmeHtml: string | null;
  origin: string;
  /** The owner sees the unlisted state and the API download URLs of a private package. */
  owner: boolean;
  /** Breadcrumbs above the name. */
  crumbs: ComponentChildren;
  /** Buttons beside the name. */
  actions?: ComponentChildren;
  /** Notices between the header and the body. */
  notices?: ComponentChildren;
  when: (date: Date) => ComponentChildren;
  versionActions?: (version: PackageVersion) => ComponentChildren;
  /** Shown where the readme would be, when there is none. */
  emptyReadme: string;
  /** Downloads of the package, per day and in total. */
  downloads?: DownloadStats;
  /** Total downloads by version id. */
  versionDownloads?: ReadonlyMap<string, number>;
}

/** A package: header, status banners, readme, versions, and the latest version's facts. */
export function PackageView(props: PackageViewProps) {
  const { pkg } = props;
  const latest = props.versions.find((v) => v.version === pkg.latestVersion) ?? null;
  const status = packageStatus(pkg);
  const viaApi = props.owner && pkg.visibility === "private";
  const downloadBase = viaApi
    ? `/v1/packages/${props.qualified ? `@${props.handle}/` : ""}${pkg.name}/versions`
    : `/@${props.handle}/${pkg.name}/versions`;
  const facts = latest ? factsOfVersion(latest) : null;
  return (
    <div class="space-y-6">
      <header class="space-y-3">
        <nav aria-label="Breadcrumb" class="text-sm text-slate-500">{props.crumbs}</nav>
        <div class="flex flex-wrap items-start gap-x-4 gap-y-3">
          <div class="min-w-0 flex-1 space-y-2">
            <div class="flex flex-wrap items-center gap-2">
              <h1 class="break-all font-mono text-2xl font-semibold tracking-tight text-slate-900">
                {pkg.name}
              </h1>
              {/* Visitors only ever see public packages: the badge would say nothing. */}
              {props.owner && <VisibilityBadge visibility={pkg.visibility} />}
              {status !== "active" && (props.owner || status !== "unlisted") && (
                <StatusBadge status={status} />
              )}
            </div>
            {pkg.description && <p class="text-slate-700">{pkg.description}</p>}
            <TagList tags={pkg.tags} search={props.owner ? "/packages" : "/explore"} />
          </div>
          {props.actions && <div class="flex flex-wrap gap-2">{props.actions}</div>}
        </div>
      </header>
      {props.notices}
      <StatusBanners pkg={pkg} owner={props.owner} />
      <div class="grid gap-6 lg:grid-cols-3">
        {/* On phones the install panel comes before the readme; beside it from lg on. */}
        <aside class="min-w-0 space-y-6 lg:order-last">
          <InstallPanel
            name={pkg.name}
            latest={latest}
            facts={facts}
            base={`${props.origin}${downloadBase}`}
            viaApi={viaApi}
          />
          {facts && (
            <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="capabilities">
              <h2 id="capabilities" class={ui.h2}>Capabilities</h2>
              <p class="text-xs text-slate-500">
                What {latest!.version} asks the runtime for. A runtime grants no more than these.
              </p>
              <CapabilityTable capabilities={facts.capabilities} />
            </section>
          )}
          <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="signer-keys">
            <h2 id="signer-keys" class={ui.h2}>Signer keys</h2>
            <p class="text-xs text-slate-500">
              Every version must be signed by one of these keys (fingerprint: sha-256 of the public
              key).
            </p>
            <PinnedKeyList keys={props.trust.keys} />
          </section>
          {props.downloads && <DownloadChart stats={props.downloads} />}
          {(pkg.homepage || pkg.repository) && (
            <section class={`${ui.card} p-5 space-y-2`} aria-labelledby="links">
              <h2 id="links" class={ui.h2}>Links</h2>
              <ul class="space-y-1 text-sm">
                {pkg.homepage && <ExternalLink label="Homepage" href={pkg.homepage} />}
                {pkg.repository && <ExternalLink label="Repository" href={pkg.repository} />}
              </ul>
            </section>
          )}
        </aside>
        <div class="min-w-0 space-y-6 lg:col-span-2">
          <section class={`${ui.card} p-5 sm:p-6`} aria-labelledby="readme">
            <h2 id="readme" class="sr-only">Readme</h2>
            <Readme html={props.readmeHtml} empty={props.emptyReadme} />
          </section>
          <section class={ui.card} aria-labelledby="versions">
            <div class="flex items-baseline justify-between border-b border-slate-100 px-5 py-3">
              <h2 id="versions" class={ui.h2}>Versions</h2>
              <span class="text-sm text-slate-500">
                {pkg.versionCount} {pkg.versionCount === 1 ? "version" : "versions"}
              </span>
            </div>
            <VersionHistory
              versions={props.versions}
              latest={pkg.latestVersion}
              downloadBase={downloadBase}
              downloads={props.versionDownloads}
              when={props.when}
              actions={props.versionActions}
              href={props.versionHref}
              increased={(v) => props.trust.trust.get(v.id)?.change.increased ?? false}
            />
          </section>
        </div>
      </div>
    </div>
  );
}

function ExternalLink({ label, href }: { label: string; href: string }) {
  return (
    <li class="min-w-0">
      <span class="text-slate-500">{label}:</span>{" "}
      <a href={href} rel="nofollow noopener noreferrer" class={`break-all ${ui.link}`}>
        {href.replace(/^https:\/\//, "")}
      </a>
    </li>
  );
}

/** Deprecated (with its message), unlisted (owner only) and archived, said plainly. */
function StatusBanners({ pkg, owner }: { pkg: Package; owner: boolean }) {
  return (
    <>
      {pkg.archivedAt && (
        <Banner tone="archived" title="This package is archived">
          It is read-only: no new versions can be published and its details cannot change. Every
          published version can still be downloaded.
        </Banner>
      )}
      {pkg.deprecatedAt && (
        <Banner tone="deprecated" title="This package is deprecated">
          {pkg.deprecationMessage}
        </Banner>
      )}
      {owner && pkg.unlistedAt && !pkg.archivedAt && (
        <Banner tone="unlisted" title="This package is unlisted">
          {pkg.visibility === "public"
            ? "It does not appear on your public profile or in Explore, but anyone with the link can open it."
            : "It is hidden from listings. It is private as well, so only you can see it."}
        </Banner>
      )}
    </>
  );
}

const BANNER_TONES = {
  archived: "bg-slate-800 text-white ring-slate-800",
  deprecated: "bg-amber-50 text-amber-900 ring-amber-300",
  unlisted: "bg-sky-50 text-sky-900 ring-sky-200",
};

function Banner(
  { tone, title, children }: {
    tone: keyof typeof BANNER_TONES;
    title: string;
    children: ComponentChildren;
  },
) {
  return (
    <div
      role="status"
      class={`rounded-md px-4 py-3 text-sm ring-1 ring-inset ${BANNER_TONES[tone]}`}
    >
      <p class="font-semibold">{title}</p>
      {children && <p class="mt-1 break-words">{children}</p>}
    </div>
  );
}
