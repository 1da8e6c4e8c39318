import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import type { Package } from "@/lib/packages/packages.ts";
import { type PackagePlace, packagePlace, pageRef } from "@/lib/http/package_page.ts";
import { setDeprecation } from "@/lib/packages/deprecation.ts";
import { setYank } from "@/lib/packages/yank.ts";
import { type DownloadStats, downloadStats, versionTotals } from "@/lib/packages/downloads.ts";
import { loadPackageTrust, type PackageTrust } from "@/lib/packages/trust.ts";
import { formFailure } from "@/lib/http/errors.ts";
import { renderReadme } from "@/lib/packages/readme.ts";
import { VersionText } from "@/lib/packages/bundle/version.ts";
import { FormError, Notice } from "@/components/forms.tsx";
import { VersionActions } from "@/components/packages/VersionActions.tsx";
import { RelativeTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import { PackageView } from "@/components/packages/PackageView.tsx";
import { targetQuery } from "@/components/packages/format.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data extends PackagePlace {
  pkg: Package;
  trust: PackageTrust;
  readmeHtml: string | null;
  origin: string;
  now: Date;
  downloads: DownloadStats;
  versionDownloads: Map<string, number>;
  notice: string | null;
  error: string | null;
}

const NOTICES = {
  deprecated: (v: string) => `Version ${v} is deprecated. It can still be downloaded.`,
  undeprecated: (v: string) => `Version ${v} is no longer deprecated.`,
  yanked: (v: string) =>
    `Version ${v} is yanked: it is never resolved nor latest, and still downloads by its exact version.`,
  unyanked: (v: string) => `Version ${v} is no longer yanked.`,
};

// The notice each version action comes back with.
const DONE = {
  deprecate_version: "deprecated",
  undeprecate_version: "undeprecated",
  yank_version: "yanked",
  unyank_version: "unyanked",
} as const;

// The redirects after publishing and (un)deprecating come back with these.
const Query = z.object({
  published: VersionText.optional(),
  notice: z.enum(
    ["deprecated", "undeprecated", "yanked", "unyanked"],
    "must be deprecated, undeprecated, yanked or unyanked",
  ).optional(),
  version: VersionText.optional(),
});

async function load(ctx: Ctx, place: PackagePlace, extra: Partial<Data>, status = 200) {
  const { db, clock, config } = ctx.state.services;
  const { pkg } = place;
  const now = clock();
  const [trust, downloads, versionDownloads] = await Promise.all([
    loadPackageTrust(db, pkg),
    downloadStats(db, { packageId: pkg.id }, { now }),
    versionTotals(db, pkg.id),
  ]);
  ctx.state.title = pkg.name;
  return page<Data>({
    ...place,
    trust,
    readmeHtml: pkg.readme ? await renderReadme(pkg.readme) : null,
    origin: config.publicOrigin,
    now,
    downloads,
    versionDownloads,
    notice: null,
    error: null,
    ...extra,
  }, { status });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const place = await packagePlace(ctx);
    const { published, notice: kind, version } = parseQuery(ctx.url, Query);
    const who = place.qualified ? "its organization's people with access" : "you";
    const notice = published
      ? `Version ${published} is published.${
        place.pkg.visibility === "private" ? ` The package is private: only ${who} can see it.` : ""
      }`
      : kind && version
      ? NOTICES[kind](version)
      : null;
    return load(ctx, place, { notice });
  },
  // Deprecate a version (with an optional message), yank it (with a reason), or undo either.
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req));
    const { services: s, actor } = ctx.state;
    const input = { ...pageRef(ctx), version: f.version ?? "" };
    const commands: Record<string, () => ReturnType<typeof setYank>> = {
      deprecate_version: () =>
        setDeprecation(s, actor, { ...input, deprecated: true, message: f.message }),
      undeprecate_version: () => setDeprecation(s, actor, { ...input, deprecated: false }),
      yank_version: () => setYank(s, actor, { ...input, yanked: true, reason: f.reason }),
      unyank_version: () => setYank(s, actor, { ...input, yanked: false }),
    };
    const run = commands[f.action ?? ""];
    if (!run) {
      throw new HttpError(
        400,
        "Unknown action; use deprecate_version, undeprecate_version, yank_version or unyank_version",
      );
    }
    try {
      const { version } = await run();
      const { home } = await packagePlace(ctx);
      const notice = DONE[f.action as keyof typeof DONE];
      const v = encodeURIComponent(version.version);
      return ctx.redirect(`${home}?notice=${notice}&version=${v}#v${v}`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return load(ctx, await packagePlace(ctx), { error: failure.message }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function OwnerPackage({ data }) {
  const { pkg, home, may } = data;
  const handle = data.owner;
  const publishQuery = targetQuery(data.qualified ? handle : null, pkg.name).slice(1);
  return (
    <PackageView
      pkg={pkg}
      handle={handle}
      qualified={data.qualified}
      versions={data.trust.versions}
      trust={data.trust}
      versionHref={(v) => `${home}/versions/${encodeURIComponent(v.version)}`}
      readmeHtml={data.readmeHtml}
      origin={data.origin}
      downloads={data.downloads}
      versionDownloads={data.versionDownloads}
      owner
      emptyReadme="No readme yet. Add one in the settings: it is Markdown, shown here and on the public page."
      crumbs={
        <>
          <a href="/packages" class={ui.link}>Packages</a> / {data.qualified && (
            <>
              <a href={`/orgs/${handle}`} class={`font-mono ${ui.link}`}>@{handle}</a> /{" "}
            </>
          )}
          <span class="font-mono">{pkg.name}</span>
        </>
      }
      actions={
        <>
          {!pkg.archivedAt && may.publish && (
            <a href={`/packages/new?${publishQuery}`} class={ui.buttonPrimary}>
              Publish a new version
            </a>
          )}
          {may.update && (
            <a href={`${home}/settings`} class={ui.buttonSecondary}>
              Package settings
            </a>
          )}
          {pkg.visibility === "public" && (
            <a href={`/@${handle}/${pkg.name}`} class={ui.buttonSecondary}>Public page</a>
          )}
        </>
      }
      notices={
        <>
          {data.notice && <Notice tone="success">{data.notice}</Notice>}
          <FormError message={data.error ?? undefined} />
        </>
      }
      when={(date) => <RelativeTime date={date} now={data.now} />}
      versionActions={pkg.archivedAt || !may.update
        ? undefined
        : (v) => <VersionActions version={v} />}
    />
  );
});
