import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { DomainError } from "@/lib/errors.ts";
import { statusOf } from "@/lib/http/errors.ts";
import type { Package } from "@/lib/packages/packages.ts";
import { packageFor } from "@/lib/packages/access.ts";
import { publishTargets } from "@/lib/packages/owners.ts";
import { dashboardPath, targetQuery } from "@/components/packages/format.ts";
import { PublishTo } from "@/components/packages/ReviewParts.tsx";
import { readUpload } from "@/lib/http/upload.ts";
import { stageUpload } from "@/lib/packages/staging.ts";
import { STEP_NAMES } from "@/lib/packages/bundle/verify.ts";
import { DEFAULT_LIMITS } from "@/lib/packages/bundle/limits.ts";
import { FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { PublishSteps, UnverifiedNotice } from "@/components/packages/PublishSteps.tsx";
import { sentence } from "@/components/packages/format.ts";
import BundleUpload from "@/islands/BundleUpload.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  pkg: Package | null;
  /** The owner of `pkg` (`?owner=`), when it is not the caller. */
  owner: string | null;
  /** Where a new package may go ("Publish to"): the caller's handle first. */
  targets: string[];
  error: string | null;
}

/**
 * The package a new version is for (`?package=`, of `?owner=` or the caller), or 404 when the
 * caller may not see it.
 */
function targetPackage(ctx: Ctx) {
  const q = ctx.url.searchParams;
  const name = q.get("package");
  const ref = { owner: q.get("owner")?.toLowerCase() || undefined, package: name ?? "" };
  return name ? packageFor(ctx.state.services, ctx.state.actor, "package.read", ref) : null;
}

async function form(ctx: Ctx, data: Omit<Data, "targets" | "owner">, status = 200) {
  ctx.state.title = data.pkg ? `Publish a new version of ${data.pkg.name}` : "Publish a package";
  const { services: s, user } = ctx.state;
  const owner = data.pkg ? ctx.url.searchParams.get("owner")?.toLowerCase() ?? null : null;
  const targets = await publishTargets(s.database, user!, s.config.orgsEnabled);
  return page<Data>({ ...data, owner: owner === user!.handle ? null : owner, targets }, {
    status,
  });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    return form(ctx, { pkg: await targetPackage(ctx), error: null });
  },
  // Stage the upload and send the browser to the review; nothing is published yet.
  async POST(ctx) {
    const pkg = await targetPackage(ctx);
    try {
      const { upload, fields } = await readUpload(ctx.req);
      const staged = await stageUpload(ctx.state.services, ctx.state.actor, upload);
      // A new version goes to its package's owner; a new package where "Publish to" says.
      const owner = pkg ? ctx.url.searchParams.get("owner") : fields.owner;
      const extra = targetQuery(owner, pkg?.name);
      return ctx.redirect(`/packages/new/review?upload=${staged.digest}${extra}`, 303);
    } catch (error) {
      // Too large, not a form, no file, too many, storage down: the same form again, with the
      // reason at the top.
      const status = error instanceof DomainError
        ? statusOf(error)
        : error instanceof HttpError
        ? error.status
        : 500;
      if (status >= 500 && status !== 503) throw error;
      if (!(error instanceof Error)) throw error;
      return form(ctx, { pkg, error: sentence(error.message) }, status);
    }
  },
});

export default define.page<typeof handler>(function NewPackage({ data, state }) {
  const user = state.user!;
  const { pkg } = data;
  const home = pkg ? dashboardPath(data.owner ?? user.handle, user.handle, pkg.name) : "";
  return (
    <div class="space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href="/packages" class={ui.link}>Packages</a>
        {pkg && (
          <>
            {" / "}
            <a href={home} class={`font-mono ${ui.link}`}>{pkg.name}</a>
          </>
        )}
        {" / "}Publish
      </nav>
      <div class="space-y-2">
        <h1 class={ui.h1}>
          {pkg
            ? (
              <>
                Publish a new version of <span class="font-mono">{pkg.name}</span>
              </>
            )
            : "Publish a package"}
        </h1>
        <PublishSteps current={1} />
      </div>
      {!user.emailVerifiedAt && <UnverifiedNotice email={user.email} />}
      {pkg?.archivedAt
        ? (
          <div class="rounded-md bg-slate-800 px-4 py-3 text-sm text-white" role="status">
            <p class="font-semibold">{pkg.name} is archived</p>
            <p class="mt-1">
              Archived packages take no new versions.{" "}
              <a href={`${home}/settings#archive`} class="underline">
                Unarchive it in its settings
              </a>{" "}
              to publish again.
            </p>
          </div>
        )
        : (
          <div class="grid gap-6 lg:grid-cols-3 lg:items-start">
            <section class={`${ui.card} min-w-0 p-5 sm:p-6 lg:col-span-2`} aria-labelledby="upload">
              <h2 id="upload" class={ui.h2}>Upload the signed bundle</h2>
              <p class="mt-1 text-sm text-slate-600">
                {pkg
                  ? `The manifest must name ${pkg.name} and a version that is not published yet.`
                  : "The package is named by the bundle's manifest. A new package starts private."}
                {" "}
                Nothing is stored as a version until you confirm on the next page.
              </p>
              <form
                method="post"
                action={pkg
                  ? `/packages/new?${targetQuery(data.owner, pkg.name).slice(1)}`
                  : "/packages/new"}
                encType="multipart/form-data"
                class="mt-5 space-y-5"
              >
                {data.error && (
                  <div id="upload-error">
                    <FormError message={data.error} />
                  </div>
                )}
                {!pkg && data.targets.length > 1 && <PublishTo targets={data.targets} />}
                <div class="space-y-1.5">
                  <label for="bundle" class={ui.label}>Bundle archive</label>
                  <input
                    id="bundle"
                    type="file"
                    name="bundle"
                    accept=".tar.gz,.tgz,.tar.zst,.tar,application/gzip,application/zstd,application/x-tar"
                    class={FILE_INPUT}
                  />
                  <p class="text-xs text-slate-500">
                    A .tar.gz, .tar.zst or .tar of the bundle files, up to{" "}
                    {DEFAULT_LIMITS.maxArchiveBytes / 1048576} MiB.
                  </p>
                </div>
                <details class="rounded-md bg-slate-50 px-4 py-3 ring-1 ring-inset ring-slate-200">
                  <summary class="cursor-pointer text-sm font-medium text-slate-800">
                    Or pick the bundle files one by one
                  </summary>
                  <div class="mt-3 space-y-1.5">
                    <label for="files" class="block text-sm text-slate-700">Bundle files</label>
                    <input id="files" type="file" name="files" multiple class={FILE_INPUT} />
                    <p class="text-xs text-slate-500">
                      manifest.json, skill.wasm, signatures.json and public-keys.json; also
                      provenance.json and bundle-meta.json when you have them. Leave the archive
                      field empty.
                    </p>
                  </div>
                </details>
                <BundleUpload maxBytes={DEFAULT_LIMITS.maxArchiveBytes} />
              </form>
            </section>
            <aside class={`${ui.card} p-5 space-y-3`} aria-labelledby="checks">
              <h2 id="checks" class={ui.h2}>What is checked</h2>
              <p class="text-sm text-slate-600">
                Every upload goes through the nine steps of the inactu bundle format, as the inactu
                tools run them:
              </p>
              <ol class="list-decimal space-y-1 pl-5 text-sm text-slate-700">
                {STEP_NAMES.map((name) => <li key={name}>{name}</li>)}
              </ol>
            </aside>
          </div>
        )}
    </div>
  );
});

const FILE_INPUT =
  "block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-indigo-700 hover:file:bg-indigo-100";
