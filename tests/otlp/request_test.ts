// Unit tests of the OTLP request model: AnyValue as JSON, and the severity mapping.
import { assert } from "../helpers/assert.ts";
import { anyValue, otlpResources } from "@/lib/otlp/request.ts";
import { severityOf } from "@/lib/otlp/records.ts";

Deno.test("AnyValues become JSON: big integers stay exact as text, kvlists become objects", () => {
  assert.equal(anyValue({ intValue: "9007199254740993" }, "v"), "9007199254740993");
  assert.equal(anyValue({ intValue: 42 }, "v"), 42);
  assert.equal(anyValue({ doubleValue: "NaN" }, "v"), "NaN");
  assert.equal(anyValue({ boolValue: false }, "v"), false);
  assert.equal(anyValue({ bytesValue: "AQI=" }, "v"), "AQI=");
  assert.equal(anyValue({}, "v"), null);
  assert.deepEqual(
    anyValue({
      kvlistValue: {
        values: [
          {
            key: "a",
            value: { arrayValue: { values: [{ stringValue: "x" }, { intValue: "1" }] } },
          },
          { key: "__proto__", value: { stringValue: "plain key" } },
        ],
      },
    }, "v"),
    JSON.parse('{"a":["x",1],"__proto__":"plain key"}'),
  );
});

Deno.test("protobuf ids arrive as bytes and are stored as hex; severity names are read as numbers", () => {
  const [resource] = otlpResources({
    resourceLogs: [{
      scopeLogs: [{
        logRecords: [{
          traceId: "W47/95gDgQPSabYzgT/GDA==",
          severityNumber: "SEVERITY_NUMBER_WARN3",
        }],
      }],
    }],
  }, "base64");
  const record = resource!.scopes[0]!.records[0]!;
  assert.equal(record.traceId, "5b8efff798038103d269b633813fc60c");
  assert.equal(record.severityNumber, 15);
});

Deno.test("severity numbers fall into the four severities by their OpenTelemetry ranges", () => {
  const expected = ["info", ...Array(8).fill("debug"), ...Array(4).fill("info")];
  expected.push(...Array(4).fill("warn"), ...Array(8).fill("error"));
  assert.deepEqual(Array.from({ length: 25 }, (_, n) => severityOf(n, "")), expected);
  assert.equal(severityOf(0, "CRITICAL"), "error");
  assert.equal(severityOf(0, "trace"), "debug");
});
