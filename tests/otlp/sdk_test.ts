// The real OpenTelemetry JS SDK as the client: a LoggerProvider with the OTLP/HTTP JSON
// exporter, then the protobuf exporter (gzip), sending to a running instance over HTTP.
// What the SDK sends is what the viewer shows: the context page and the logs API.
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from "@opentelemetry/sdk-logs";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { assert } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";
import { createToken, createUser } from "../helpers/accounts.ts";

const SENT = [
  {
    severityNumber: SeverityNumber.INFO,
    severityText: "INFO",
    body: "order <b>placed</b>",
    attributes: { "order.id": "o-1", amount: 42, paid: true },
  },
  {
    severityNumber: SeverityNumber.WARN2,
    severityText: "WARN",
    body: "stock low",
    attributes: { sku: "A-7", left: 2.5 },
  },
  {
    severityNumber: SeverityNumber.FATAL,
    severityText: "FATAL",
    body: { error: "card declined", codes: [51, 54] },
    attributes: { "http.status_code": 402 },
  },
  { severityNumber: SeverityNumber.DEBUG, body: "cache miss", attributes: {} },
];
const EXPECTED_SEVERITIES = ["info", "warn", "error", "debug"];
const EXPECTED_MESSAGES = [
  "order <b>placed</b>",
  "stock low",
  '{"error":"card declined","codes":[51,54]}',
  "cache miss",
];

for (const kind of ["json", "protobuf"] as const) {
  Deno.test({
    name: `the OpenTelemetry SDK's ${kind} exporter sends logs that the viewer shows as sent`,
    // The exporters keep pooled HTTP connections beyond the test's end.
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      await using server = await startServer({ realClock: true });
      const { app, url } = server;
      const user = await createUser(app);
      const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
      const options = {
        url: `${url}/v1/otlp/v1/logs`,
        headers: { Authorization: `Bearer ${token}` },
      };
      const exporter = kind === "json"
        ? new JsonExporter(options)
        : new ProtoExporter({ ...options, compression: "gzip" as never });
      const provider = new LoggerProvider({
        resource: resourceFromAttributes({
          "service.name": "checkout",
          "service.instance.id": `pod-${kind}`,
          "process.runtime.name": "nodejs",
          "process.runtime.version": "22.15.0",
          "host.name": "web-1",
        }),
        processors: [
          kind === "json"
            ? new SimpleLogRecordProcessor({ exporter })
            : new BatchLogRecordProcessor({ exporter }),
        ],
      });
      const logger = provider.getLogger("checkout.orders", "1.2.0");
      const start = Date.now();
      for (const record of SENT) logger.emit(record);
      await provider.forceFlush();
      await provider.shutdown();

      const auth = { authorization: `Bearer ${token}` };
      const list = await (await app.request("/v1/contexts", { headers: auth })).json();
      assert.equal(list.contexts.length, 1, JSON.stringify(list));
      const context = list.contexts[0];
      assert.equal(context.name, `checkout/pod-${kind}`);
      assert.equal(context.runtime_name, "nodejs");
      assert.equal(context.runtime_version, "22.15.0");
      assert.equal(context.host, "web-1");

      const logs = await (await app.request(`/v1/contexts/${context.id}/logs`, { headers: auth }))
        .json();
      const lines = logs.logs.toReversed();
      assert.deepEqual(lines.map((l: { message: string }) => l.message), EXPECTED_MESSAGES);
      assert.deepEqual(lines.map((l: { severity: string }) => l.severity), EXPECTED_SEVERITIES);
      for (const [i, line] of lines.entries()) {
        const { severityText } = SENT[i]!;
        assert.deepEqual(line.metadata_json, {
          ...SENT[i]!.attributes,
          scope: "checkout.orders",
          ...(severityText ? { severity_text: severityText } : {}),
        });
        const ts = Date.parse(line.ts);
        assert.ok(ts >= start - 1000 && ts <= Date.now(), `${line.ts} is the record's time`);
      }

      // The context page, as its owner sees it, shows the name and every message (escaped).
      const page = await app.request(`/contexts/${context.id}`, {
        headers: { cookie: user.cookie },
      });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.ok(html.includes(`checkout/pod-${kind}`));
      // Escaped: the markup in the message is text on the page.
      assert.ok(html.includes("order &lt;b>placed&lt;/b>"));
      for (const message of EXPECTED_MESSAGES.slice(1, 2).concat("cache miss")) {
        assert.ok(html.includes(message), message);
      }
    },
  });
}
