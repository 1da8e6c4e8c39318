import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import type { Package } from "@/lib/packages/packages.ts";
import type { PackageVersion } from "@/lib/packages/versions.ts";
import { loadPackageTrust, type PackageTrust } from "@/lib/packages/trust.ts";
import { type PackagePlace, packagePlace, pageRef } from "@/lib/http/package_page.ts";
import { MAX_DEPRECATION_MESSAGE, setDeprecation } from "@/lib/packages/deprecation.ts";
import { formFailure } from "@/lib/http/errors.ts";
import { renderReadme } from "@/lib/packages/readme.ts";
import { VersionText } from "@/lib/packages/bundle/version.ts";
import { FormError, Notice } from "@/components/forms.tsx";
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
  notice: string | null;
  error: string | null;
}

const NOTICES = {
  deprecated: (v: string) => `Version ${v} is deprecated. It can still be downloaded.`,
  undeprecated: (v: string) => `Version ${v} is no longer deprecated.`,
};

// The redirects after publishing and (un)deprecating come back with these.
const Query = z.object({
  published: VersionText.optional(),
  notice: z.enum(["deprecated", "undeprecated"], "must be deprecated or undeprecated").optional(),
  version: VersionText.optional(),
});

async function load(ctx: Ctx, place: PackagePlace, extra: Partial<Data>, status = 200) {
  const { db, clock, config } = ctx.state.services;
  const { pkg } = place;
  const trust = await loadPackageTrust(db, pkg);
  ctx.state.title = pkg.name;
  return page<Data>({
    ...place,
    trust,
    readmeHtml: pkg.readme ? await renderReadme(pkg.readme) : null,
    origin: config.publicOrigin,
    now: clock(),
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
  // Deprecate a version (with an optional message) or undo it.
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req));
    if (f.action !== "deprecate_version" && f.action !== "undeprecate_version") {
      throw new HttpError(400, "Unknown action; use deprecate_version or undeprecate_version");
    }
    const deprecate = f.action === "deprecate_version";
    try {
      const { version } = await setDeprecation(ctx.state.services, ctx.state.actor, {
        ...pageRef(ctx),
        version: f.version ?? "",
        deprecated: deprecate,
        message: f.message,
      });
      const { home } = await packagePlace(ctx);
      const notice = deprecate ? "deprecated" : "undeprecated";
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

function VersionActions({ version }: { version: PackageVersion }) {
  if (version.deprecatedAt) {
    return (
      <form method="post" class="ml-auto">
        <input type="hidden" name="action" value="undeprecate_version" />
        <input type="hidden" name="version" value={version.version} />
        <button type="submit" class={ui.buttonSmall}>
          Undo deprecation<span class="sr-only">of {version.version}</span>
        </button>
      </form>
    );
  }
  return (
    // Opened, it takes the whole row, so the message field has room.
    <details class="ml-auto open:basis-full">
      <summary class={`ml-auto block w-fit cursor-pointer list-none rounded-md ${ui.focus}`}>
        <span class={ui.buttonSmall}>
          Deprecate<span class="sr-only">{version.version}</span>
        </span>
      </summary>
      <form method="post" class="mt-3 flex flex-wrap items-end gap-2">
        <input type="hidden" name="action" value="deprecate_version" />
        <input type="hidden" name="version" value={version.version} />
        <label class="min-w-0 flex-1 basis-60 space-y-1">
          <span class="block text-xs text-slate-600">Why (optional, shown with the version)</span>
          <input
            type="text"
            name="message"
            maxLength={MAX_DEPRECATION_MESSAGE}
            placeholder="Use 1.2.1: fixes a crash"
            class={ui.input}
          />
        </label>
        <button type="submit" class={ui.buttonSmall}>Deprecate {version.version}</button>
      </form>
    </details>
  );
}
