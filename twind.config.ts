import { defineConfig } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";

/** The one place the design tokens live; `deno task build` turns used classes into CSS. */
export default defineConfig({
  presets: [presetTailwind()],
  hash: false,
  theme: {
    extend: {
      fontFamily: {
        sans: [
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "sans-serif",
        ],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
    },
  },
  preflight: {
    body: { "@apply": "bg-slate-50 text-slate-900 antialiased" },
  },
});
