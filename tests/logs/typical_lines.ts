// A hundred lines such as a small web service writes: requests with a little metadata, a few
// warnings and errors. The page-size budget (tests/contexts/page_size_test.ts) and its
// measurement (bench/log_page_size.ts) render the viewer over these.
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createToken, createUser } from "../helpers/accounts.ts";

export function typicalLines(
  count = 100,
  end = new Date("2026-11-25T12:00:00Z"),
): Array<Record<string, unknown>> {
  const routes = ["/v1/items", "/v1/orders", "/healthz", "/v1/users/me"];
  // One line every 20 seconds up to `end`, so the histogram has bars to draw.
  const ts = (i: number) => new Date(end.getTime() - (count - i) * 20_000).toISOString();
  return Array.from({ length: count }, (_, i) => ({ ts: ts(i), ...line(i) }));
  function line(i: number): Record<string, unknown> {
    const route = routes[i % routes.length]!;
    if (i % 17 === 5) {
      return {
        severity: "error",
        message: `upstream timeout after 3000ms calling inventory-svc for ${route}`,
        metadata_json: { upstream: "inventory-svc:443", request_id: `req-${1000 + i}` },
      };
    }
    if (i % 9 === 4) {
      return {
        severity: "warn",
        message: `slow request GET ${route} took ${800 + i}ms`,
        metadata_json: { request_id: `req-${1000 + i}`, route, duration_ms: 800 + i },
      };
    }
    return {
      severity: i % 3 === 0 ? "debug" : "info",
      message: `GET ${route}/${i} 200 ${10 + (i % 40)}ms`,
      metadata_json: {
        request_id: `req-${1000 + i}`,
        route,
        status: 200,
        duration_ms: 10 + i % 40,
      },
    };
  }
}

/** The viewer page of a context holding `typicalLines()`, as the browser receives it. */
export async function typicalViewerPage(): Promise<{ app: TestApp; bytes: number; html: string }> {
  const app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
  const send = (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json());
  const { context } = await send("POST", "/v1/contexts", { status: "running", region: "eu-west" });
  await send("POST", `/v1/contexts/${context.id}/logs`, typicalLines());
  const res = await app.request(`/contexts/${context.id}`, { headers: { cookie: user.cookie } });
  const html = await res.text();
  return { app, bytes: new TextEncoder().encode(html).length, html };
}
