import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { ui } from "@/components/styles.ts";

export default define.page(function ErrorPage({ error, state }) {
  const status = error instanceof HttpError ? error.status : 500;
  const server = status >= 500;
  state.title = server ? "Something went wrong" : "Request not allowed";
  return (
    <div class="mx-auto max-w-xl py-16 text-center space-y-4">
      <p class="text-sm font-semibold text-indigo-600">{status}</p>
      <h1 class={ui.h1}>{server ? "Something went wrong on our side" : "We could not do that"}</h1>
      <p class="text-slate-600">
        {server
          ? "The error has been logged. Try again in a moment; if it keeps happening, quote this request id:"
          : error instanceof Error
          ? error.message
          : "The request was not valid."}
      </p>
      {server && (
        <p>
          <code class={ui.code}>{state.requestId}</code>
        </p>
      )}
      <div class="flex justify-center gap-3 pt-2">
        <a href="/" class={ui.buttonSecondary}>Go home</a>
      </div>
    </div>
  );
});
