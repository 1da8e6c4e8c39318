import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { formFailure, statusOf } from "@/lib/http/errors.ts";
import { DomainError } from "@/lib/errors.ts";
import type { Account } from "@/lib/auth/accounts.ts";
import { getOwnPackage, type Package } from "@/lib/packages/packages.ts";
import { packageFor } from "@/lib/packages/access.ts";
import { publish, type Upload, verifyUpload } from "@/lib/packages/publish.ts";
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
}

const Query = z.object({
  upload: z.string({ error: "is missing: upload the bundle at /packages/new first" })
    .max(100, "must be at most 100 characters"),
  package: z.string().max(64, "must be at most 64 characters").optional(),
});

async function staged(ctx: Ctx) {
  const q = parseQuery(ctx.url, Query);
  const { services: s, actor } = ctx.state;
  const target = q.package ? await packageFor(s, actor, "package.read", q.package) : null;
  return { upload: await loadStagedUpload(s, actor, q.upload), target };
}

async function review(
  ctx: Ctx,
  user: Account,
  input: { upload: Upload | null; target: Package | null },
  extra: Pick<Data, "error" | "visibility">,
  status = 200,
  headers?: Headers,
) {
  ctx.state.title = "Review the bundle";
  const s = ctx.state.services;
  if (!input.upload) {
    return page<Data>({ review: null, target: input.target?.name ?? null, ...extra }, {
      status: 404,
    });
  }
  const verified = await verifyUpload(s, input.upload, {
    ownerId: user.ownerId,
    packageName: input.target?.name,
  });
  const report = verified.report;
  const existing = verified.ok
    ? verified.existing
    : report.name
    ? await getOwnPackage(s.db, user.ownerId, report.name)
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
    target: input.target?.name ?? null,
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
      const { package: pkg, version } = await publish(ctx.state.services, ctx.state.actor, {
        upload: input.upload,
        package: input.target?.name,
        visibility: f.visibility as "private" | "public" | undefined,
      });
      return ctx.redirect(
        `/packages/${pkg.name}?published=${encodeURIComponent(version.version)}`,
        303,
      );
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
  const again = data.target ? `/packages/new?package=${data.target}` : "/packages/new";
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
            handle={user.handle}
            email={user.email}
            verified={!!user.emailVerifiedAt}
          />
        )}
    </div>
  );
});
