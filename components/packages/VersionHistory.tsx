import { formatBytes } from "@/lib/bytes.ts";
import type { ComponentChildren } from "preact";
import type { ListedVersion, PackageVersion } from "@/lib/packages/versions.ts";
import { ui } from "@/components/styles.ts";
import { DeprecatedBadge, YankedBadge } from "./Badges.tsx";
import { MoreCapabilitiesBadge } from "./CapabilityDiff.tsx";
import { shortDigest } from "./format.ts";

/** Every version, newest first: deprecations, sizes, downloads, and the owner's actions. */
export function VersionHistory(props: {
  /** With who published each, when known (ListedVersion). */
  versions: (PackageVersion & Partial<Pick<ListedVersion, "publishedBy">>)[];
  latest: string | null;
  /** Where `/{version}/bundle` and `/{version}/artifact` download from. */
  downloadBase: string;
  when: (date: Date) => ComponentChildren;
  /** Total downloads by version id. */
  downloads?: ReadonlyMap<string, number>;
  /** The owner's buttons, placed at the end of the row (they carry their own ml-auto). */
  actions?: (version: PackageVersion) => ComponentChildren;
  /** Each version's page. */
  href: (version: PackageVersion) => string;
  /** Whether a version adds or widens a capability over the one before it. */
  increased: (version: PackageVersion) => boolean;
}) {
  if (props.versions.length === 0) {
    return <p class="px-5 py-6 text-sm text-slate-600">No versions yet.</p>;
  }
  return (
    <ul class="divide-y divide-slate-100">
      {props.versions.map((v) => {
        const base = `${props.downloadBase}/${encodeURIComponent(v.version)}`;
        return (
          <li id={`v${v.version}`} class="px-5 py-4 space-y-2">
            <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
              <a href={props.href(v)} class={`font-mono text-sm font-semibold ${ui.link}`}>
                {v.version}
              </a>
              {v.version === props.latest && (
                <span class="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
                  latest
                </span>
              )}
              {v.prerelease && (
                <span class="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                  prerelease
                </span>
              )}
              {v.deprecatedAt && <DeprecatedBadge />}
              {v.yankedAt && <YankedBadge />}
              {props.increased(v) && <MoreCapabilitiesBadge />}
              <span class="ml-auto text-xs text-slate-500">
                {props.when(v.publishedAt)}
                {v.publishedBy && (
                  <>
                    {" "}by <span class="font-mono">@{v.publishedBy}</span>
                  </>
                )}
              </span>
            </div>
            {v.yankedAt && (
              <p class="text-sm text-red-800">
                <span class="font-semibold">Yanked</span>{" "}
                (never resolved nor latest; still downloads by its exact version): {v.yankReason}
              </p>
            )}
            {v.deprecatedAt && (
              <p class="text-sm text-amber-900">
                {v.deprecationMessage ?? "Deprecated without a message."}
              </p>
            )}
            <div class="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600">
              <span title={v.artifactDigest}>
                <span class="sr-only">Artifact digest</span>
                <code class="font-mono">{shortDigest(v.artifactDigest)}</code>
              </span>
              <span>{formatBytes(v.archiveSize)} bundle</span>
              {props.downloads && (
                <span>
                  {(props.downloads.get(v.id) ?? 0).toLocaleString("en-US")}{" "}
                  {props.downloads.get(v.id) === 1 ? "download" : "downloads"}
                </span>
              )}
              <a href={`${base}/bundle`} class={ui.link} download>
                Download bundle
                <span class="sr-only">of {v.version}</span>
              </a>
              <a href={`${base}/artifact`} class={ui.link} download>
                Download skill.wasm
                <span class="sr-only">of {v.version}</span>
              </a>
              {props.actions?.(v)}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
