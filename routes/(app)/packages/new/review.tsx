import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { formFailure } from "@/lib/http/errors.ts";
import { actorOf, requireScope } from "@/lib/auth/guards.ts";
import type { Account } from "@/lib/auth/accounts.ts";
import { getOwnPackage, type Package } from "@/lib/packages/packages.ts";
import { ownPackageByNameOr404 } from "@/lib/packages/guards.ts";
import { publish, type Upload, verifyUpload } from "@/lib/packages/publish.ts";
import { loadStagedUpload } from "@/lib/packages/staging.ts";
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

async function staged(ctx: Ctx, user: Account) {
  const q = parseQuery(ctx.url, Query);
  const s = ctx.state.services;
  const target = q.package ? await ownPackageByNameOr404(ctx, user.ownerId, q.package) : null;
  const upload = await loadStagedUpload(s, user, q.upload).catch((error) => {
    s.logger.error("blob store failed while loading a staged upload", { error: String(error) });
    throw new HttpError(503, "Blob storage is unavailable; try again in a moment");
  });
  return { upload, target };
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
    review: { report, archiveSize, existing },
    target: input.target?.name ?? null,
    ...extra,
  }, { status, headers });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireScope(ctx, "packages:read");
    return review(ctx, user, await staged(ctx, user), { error: null, visibility: "private" });
  },
  // Confirm: publish the staged upload as the version it names.
  async POST(ctx) {
    const user = requireScope(ctx, "packages:publish");
    const input = await staged(ctx, user);
    const f = formFields(await readForm(ctx.req));
    const visibility = f.visibility === "public" ? "public" : "private";
    if (f.visibility !== undefined && f.visibility !== "private" && f.visibility !== "public") {
      const error = { message: "Visibility must be private or public", resend: false };
      return review(ctx, user, input, { error, visibility }, 400);
    }
    if (!input.upload) return review(ctx, user, input, { error: null, visibility });
    let result: Awaited<ReturnType<typeof publish>>;
    try {
      result = await publish(ctx.state.services, {
        account: user,
        actor: actorOf(ctx, user),
        upload: input.upload,
        packageName: input.target?.name,
        visibility,
      });
    } catch (error) {
      // Too many publishes: the review again, with the limit's reason.
      const failure = formFailure(error);
      if (!failure) throw error;
      const retry = { message: failure.message, resend: false };
      return review(
        ctx,
        user,
        input,
        { error: retry, visibility },
        failure.status,
        failure.headers,
      );
    }
    if (!result.ok) {
      const message = sentence(result.error);
      return review(ctx, user, input, {
        error: { message, resend: result.status === 403 },
        visibility,
      }, result.status);
    }
    if ("dryRun" in result) throw new Error("unreachable: not a dry run");
    const { package: pkg, version } = result;
    return ctx.redirect(
      `/packages/${pkg.name}?published=${encodeURIComponent(version.version)}`,
      303,
    );
  },
});

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
