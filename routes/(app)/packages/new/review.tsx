import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { formFailure, statusOf } from "@/lib/http/errors.ts";
import { DomainError } from "@/lib/errors.ts";
import type { Account } from "@/lib/auth/accounts.ts";
import { getOwnPackage, type Package } from "@/lib/packages/packages.ts";
import {
  authorizeCreate,
  authorizePackage,
  ownerAt,
  PACKAGE_NOT_FOUND,
  packageFor,
} from "@/lib/packages/access.ts";
import { type PackageOwner, publishTargets } from "@/lib/packages/owners.ts";
import { dashboardPath, targetQuery } from "@/components/packages/format.ts";
import { publish } from "@/lib/packages/publish.ts";
import { type Upload, verifyUpload } from "@/lib/packages/verify_upload.ts";
import { loadStagedUpload } from "@/lib/packages/staging.ts";
import { getVersion, listVersions } from "@/lib/packages/versions.ts";
import { type CapabilityChange, changeForNew } from "@/lib/packages/capability_diff.ts";
import { isValidVersion } from "@/lib/packages/bundle/version.ts";
import { versionOrder } from "@/lib/packages/version_order.ts";
import type { VerificationReport } from "@/lib/packages/bundle/verify.ts";
import { ui } from "@/components/styles.ts";
import { PublishSteps } from "@/components/packages/PublishSteps.tsx";
import { sentence } from "@/components/packages/format.ts";
import {
  type ConfirmState,
  ReviewBody,
  type Reviewed,
} from "@/components/packages/ReviewParts.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data extends ConfirmState {
  /** Null when the staged upload is gone (collected, or never staged). */
  review: Reviewed | null;
  /** The package the version was uploaded for (`?package=`), if any. */
  target: string | null;
  /** Whom the version goes to (`?owner=`, else the caller). */
  owner: string;
  /** Where a new package may go ("Publish to"), the chosen owner first. */
  targets: string[];
}

const Query = z.object({
  upload: z.string({ error: "is missing: upload the bundle at /packages/new first" })
    .max(100, "must be at most 100 characters"),
  package: z.string().max(64, "must be at most 64 characters").optional(),
  owner: z.string().max(64, "must be at most 64 characters").optional(),
});

async function staged(ctx: Ctx) {
  const q = parseQuery(ctx.url, Query);
  const { services: s, actor } = ctx.state;
  const ref = { owner: q.owner?.toLowerCase(), package: q.package ?? "" };
  const target = q.package ? await packageFor(s, actor, "package.read", ref) : null;
  const owner = await ownerAt(s, actor, ref.owner);
  if (!owner) throw new DomainError("not_found", PACKAGE_NOT_FOUND);
  return { upload: await loadStagedUpload(s, actor, q.upload), target, owner };
}

async function review(
  ctx: Ctx,
  user: Account,
  input: { upload: Upload | null; target: Package | null; owner: PackageOwner },
  extra: Pick<Data, "error" | "visibility">,
  status = 200,
  headers?: Headers,
) {
  ctx.state.title = "Review the bundle";
  const s = ctx.state.services;
  const { owner } = input;
  const all = await publishTargets(s.database, user, s.config.orgsEnabled);
  const targets = [owner.handle, ...all.filter((h) => h !== owner.handle)];
  const where = { target: input.target?.name ?? null, owner: owner.handle, targets };
  if (!input.upload) return page<Data>({ review: null, ...where, ...extra }, { status: 404 });
  // Whether the caller may publish to (or create) the package is asked before step 9 looks
  // for its versions, so a package they may not see tells nothing.
  const verified = await verifyUpload(s, input.upload, {
    ownerId: owner.id,
    packageName: input.target?.name,
    check: async (found) => {
      if (found) await authorizePackage(s, ctx.state.actor, "package.publish", owner, found);
      else await authorizeCreate(s, ctx.state.actor, owner);
    },
  });
  const report = verified.report;
  const existing = verified.ok
    ? verified.existing
    : report.name
    ? await getOwnPackage(s.db, owner.id, report.name)
    : null;
  const archiveSize = input.upload.kind === "archive" ? input.upload.bytes.byteLength : 0;
  return page<Data>({
    review: {
      report,
      archiveSize,
      existing,
      published: await alreadyPublished(ctx, report, existing),
      change: await capabilityChange(ctx, report, existing),
    },
    ...where,
    ...extra,
  }, { status, headers });
}

/**
 * The version these very bytes were published as (Back after publishing, or a second tab):
 * step 9 refuses the version number, but that is news only when the contents differ.
 */
async function alreadyPublished(
  ctx: Ctx,
  report: VerificationReport,
  existing: Package | null,
): Promise<string | null> {
  if (report.ok || report.error?.code !== "version_published" || !existing) return null;
  const v = await getVersion(ctx.state.services.db, existing.id, report.version ?? "");
  const same = v && v.artifactDigest === report.artifactDigest &&
    v.manifestHash === report.manifestHash && v.keysDigest === report.keysDigest;
  return same ? v.version : null;
}

/** What the bundle asks for compared with the package's version below it (semver order). */
async function capabilityChange(
  ctx: Ctx,
  report: VerificationReport,
  existing: Package | null,
): Promise<CapabilityChange | null> {
  if (!report.manifest || !report.version || !isValidVersion(report.version)) return null;
  const versions = existing ? await listVersions(ctx.state.services.db, existing.id) : [];
  return changeForNew(versions, versionOrder(report.version).order, report.manifest.capabilities);
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const input = await staged(ctx);
    return review(ctx, ctx.state.user!, input, { error: null, visibility: "private" });
  },
  // Confirm: publish the staged upload as the version it names.
  async POST(ctx) {
    const user = ctx.state.user!;
    const input = await staged(ctx);
    const f = formFields(await readForm(ctx.req));
    const visibility: "public" | "private" = f.visibility === "public" ? "public" : "private";
    if (!input.upload) return review(ctx, user, input, { error: null, visibility });
    try {
      // "Publish to" (a new package) chooses the owner; a new version stays with its package's.
      const owner = input.target
        ? input.owner.handle
        : f.owner?.toLowerCase() || input.owner.handle;
      const { package: pkg, version } = await publish(ctx.state.services, ctx.state.actor, {
        upload: input.upload,
        owner,
        package: input.target?.name,
        visibility: f.visibility as "private" | "public" | undefined,
      });
      const home = dashboardPath(owner, user.handle, pkg.name);
      return ctx.redirect(`${home}?published=${encodeURIComponent(version.version)}`, 303);
    } catch (error) {
      // Refused (the bundle, the limit, storage down): the review again, with the reason.
      const failure = refusalOf(error);
      if (!failure) throw error;
      const message = sentence(failure.message);
      const resend = error instanceof DomainError && error.kind === "forbidden";
      const shown = { error: { message, resend }, visibility };
      return review(ctx, user, input, shown, failure.status, failure.headers);
    }
  },
});

/** A refusal the review shows; storage being down is one too (nothing was published). */
function refusalOf(error: unknown): { message: string; status: number; headers?: Headers } | null {
  if (error instanceof DomainError && error.kind === "unavailable") {
    return { message: error.message, status: statusOf(error) };
  }
  return formFailure(error);
}

export default define.page<typeof handler>(function Review({ data, state, url }) {
  const user = state.user!;
  const query = targetQuery(data.owner === user.handle ? null : data.owner, data.target);
  const again = data.target ? `/packages/new?${query.slice(1)}` : "/packages/new";
  return (
    <div class="space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href="/packages" class={ui.link}>Packages</a> /{" "}
        <a href={again} class={ui.link}>
          Publish
        </a>{" "}
        / Review
      </nav>
      <div class="space-y-2">
        <h1 class={ui.h1}>Review the bundle</h1>
        <PublishSteps current={2} />
      </div>
      {!data.review
        ? (
          <div class={`${ui.card} p-6 space-y-3`}>
            <h2 class={ui.h2}>This upload is not available any more</h2>
            <p class="text-sm text-slate-600">
              Uploads wait for review for a limited time and are then removed. Upload the bundle
              again to review it.
            </p>
            <a href={again} class={ui.buttonPrimary}>Upload a bundle</a>
          </div>
        )
        : (
          <ReviewBody
            state={data}
            review={data.review}
            action={url.pathname + url.search}
            again={again}
            handle={data.owner}
            targets={data.targets}
            base={data.review.existing
              ? dashboardPath(data.owner, user.handle, data.review.existing.name)
              : undefined}
            email={user.email}
            verified={!!user.emailVerifiedAt}
          />
        )}
    </div>
  );
});
