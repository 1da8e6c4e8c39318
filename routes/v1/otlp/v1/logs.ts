import { define } from "@/lib/define.ts";
import { enforceLimit, LIMITS } from "@/lib/auth/limits.ts";
import { readOtlpLogs } from "@/lib/http/otlp_body.ts";
import { otlpSuccess } from "@/lib/http/otlp_answer.ts";
import { exportLogs } from "@/lib/otlp/ingest.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { describe, raw } from "@/lib/openapi/describe.ts";
import { z } from "zod";

export const access: RouteAccess = { POST: "context.write" };

export const api = describe({
  POST: {
    summary: "Export log records over OTLP/HTTP (OpenTelemetry)",
    description: "The OTLP/HTTP logs endpoint: an ExportLogsServiceRequest in protobuf or " +
      "JSON, optionally gzip-compressed. Point an OpenTelemetry exporter's logs endpoint here " +
      "with an API token that has contexts:write. Each resource's records go to the context " +
      "its inactu.context.id attribute names, or else to the context registered for its " +
      "service.name and service.instance.id (registered on its first export).",
    body: {
      content: {
        "application/x-protobuf": raw({ type: "string", format: "binary" }),
        "application/json": raw({
          type: "object",
          description: "ExportLogsServiceRequest in OTLP/JSON",
        }),
      },
    },
    responses: {
      200: {
        description: "ExportLogsServiceResponse (in the request's encoding); partialSuccess " +
          "counts the records that were rejected and says why",
        content: {
          "application/json": raw({
            type: "object",
            properties: {
              partialSuccess: {
                type: "object",
                properties: {
                  rejectedLogRecords: { type: "string" },
                  errorMessage: { type: "string" },
                },
              },
            },
          }),
          "application/x-protobuf": raw({ type: "string", format: "binary" }),
        },
      },
    },
    errors: [413, 415, 429],
    errorJson: z.object({ code: z.number().int(), message: z.string() })
      .meta({ id: "RpcStatus", description: "google.rpc.Status, as OTLP/HTTP failures carry" }),
  },
});

export const handler = define.handlers({
  /**
   * The user's ingestion budget is checked before the body is read, as on the logs route;
   * then everything storable is stored and the rest reported as a partial success.
   */
  async POST(ctx) {
    const { services, actor } = ctx.state;
    await enforceLimit(services.db, LIMITS.ingestPerUser, ctx.state.user!.userId, services.clock());
    const { encoding, resources } = await readOtlpLogs(ctx.req);
    const result = await exportLogs(services, actor, resources);
    return otlpSuccess(encoding, result);
  },
});
