import { define } from "@/lib/define.ts";

const PRODUCT = "inactu control";

export default define.page(function App({ Component, state }) {
  const title = state.title ? `${state.title} · ${PRODUCT}` : PRODUCT;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta
          name="description"
          content={state.description ??
            "Publish signed WebAssembly skills, keep them private or share them, and watch the contexts that run them."}
        />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="min-h-screen flex flex-col bg-slate-50 text-slate-900 font-sans">
        <Component />
      </body>
    </html>
  );
});
