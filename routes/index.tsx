import { define } from "@/lib/define.ts";
import { CodeBlock } from "@/components/CodeBlock.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

export const handler = define.handlers({
  GET(ctx) {
    if (ctx.state.user) return ctx.redirect("/dashboard", 303);
    ctx.state.title = "Signed WebAssembly skills, published and watched";
    return { data: { origin: ctx.state.services.config.publicOrigin } };
  },
});

const FEATURES = [
  {
    title: "Verified on upload",
    body:
      "Every bundle is checked the way the inactu tools check it: the artifact digest, the canonical manifest hash and every Ed25519 signature. Nothing unverified is stored.",
  },
  {
    title: "Private by default",
    body:
      "Your packages live in your own repository. Publish a public page when you are ready; versions stay immutable and content-addressed either way.",
  },
  {
    title: "Contexts and logs, live",
    body:
      "Runtimes report the contexts that run your skills and stream their logs. Filter by time, severity and text, follow the tail, share a line by link.",
  },
];

export default define.page<typeof handler>(function Home({ data }) {
  const example = `curl -X POST ${data.origin}/v1/packages/echo.minimal/versions \\
  -H "Authorization: Bearer $INACTU_TOKEN" \\
  -F bundle=@echo.minimal-0.1.0.tar.gz`;
  return (
    <div class="space-y-14">
      <section class="grid gap-8 lg:grid-cols-2 lg:items-center pt-4 [&>*]:min-w-0">
        <div class="space-y-5">
          <h1 class="text-3xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Publish signed WebAssembly skills. Watch them run.
          </h1>
          <p class="text-lg text-slate-600 leading-relaxed">
            inactu control is the package registry and control plane for inactu skills: signed,
            content-addressed WebAssembly bundles. Publish from a form or your CI, keep packages
            private or share them, and see every cloud context that runs them, with its logs.
          </p>
          <div class="flex flex-wrap gap-3">
            <a href="/signup" class={ui.buttonPrimary}>Create an account</a>
            <a href="/explore" class={ui.buttonSecondary}>Explore public packages</a>
          </div>
        </div>
        <CodeBlock label="Publish from CI" code={example} />
      </section>
      <section aria-labelledby="features" class="space-y-6">
        <h2 id="features" class="sr-only">What you get</h2>
        <div class="grid gap-6 md:grid-cols-3">
          {FEATURES.map((f) => (
            <div class={`${ui.card} p-6 space-y-2`}>
              <h3 class="font-semibold text-slate-900">{f.title}</h3>
              <p class="text-sm text-slate-600 leading-relaxed">{f.body}</p>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
});
