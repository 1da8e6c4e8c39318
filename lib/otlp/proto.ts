// The OTLP logs messages for protobufjs, written from opentelemetry-proto's
// collector/logs/v1/logs_service.proto, logs/v1/logs.proto, common/v1/common.proto and
// resource/v1/resource.proto (field numbers and types as there; fields we never read, such as
// entity_refs and the profiles-only string_value_strindex, are left out and skipped as
// unknown), plus google.rpc.Status, the body of OTLP/HTTP error answers.
import protobuf from "protobufjs/light.js";

const keyValues = (id: number) => ({ rule: "repeated", type: "KeyValue", id });

const descriptor = {
  nested: {
    common: {
      nested: {
        AnyValue: {
          oneofs: {
            value: {
              oneof: [
                "stringValue",
                "boolValue",
                "intValue",
                "doubleValue",
                "arrayValue",
                "kvlistValue",
                "bytesValue",
              ],
            },
          },
          fields: {
            stringValue: { type: "string", id: 1 },
            boolValue: { type: "bool", id: 2 },
            intValue: { type: "int64", id: 3 },
            doubleValue: { type: "double", id: 4 },
            arrayValue: { type: "ArrayValue", id: 5 },
            kvlistValue: { type: "KeyValueList", id: 6 },
            bytesValue: { type: "bytes", id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: "repeated", type: "AnyValue", id: 1 } } },
        KeyValueList: { fields: { values: keyValues(1) } },
        KeyValue: {
          fields: { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } },
        },
        InstrumentationScope: {
          fields: {
            name: { type: "string", id: 1 },
            version: { type: "string", id: 2 },
            attributes: keyValues(3),
            droppedAttributesCount: { type: "uint32", id: 4 },
          },
        },
        Resource: {
          fields: { attributes: keyValues(1), droppedAttributesCount: { type: "uint32", id: 2 } },
        },
        LogRecord: {
          fields: {
            timeUnixNano: { type: "fixed64", id: 1 },
            observedTimeUnixNano: { type: "fixed64", id: 11 },
            severityNumber: { type: "int32", id: 2 },
            severityText: { type: "string", id: 3 },
            body: { type: "AnyValue", id: 5 },
            attributes: keyValues(6),
            droppedAttributesCount: { type: "uint32", id: 7 },
            flags: { type: "fixed32", id: 8 },
            traceId: { type: "bytes", id: 9 },
            spanId: { type: "bytes", id: 10 },
            eventName: { type: "string", id: 12 },
          },
        },
        ScopeLogs: {
          fields: {
            scope: { type: "InstrumentationScope", id: 1 },
            logRecords: { rule: "repeated", type: "LogRecord", id: 2 },
            schemaUrl: { type: "string", id: 3 },
          },
        },
        ResourceLogs: {
          fields: {
            resource: { type: "Resource", id: 1 },
            scopeLogs: { rule: "repeated", type: "ScopeLogs", id: 2 },
            schemaUrl: { type: "string", id: 3 },
          },
        },
        ExportLogsServiceRequest: {
          fields: { resourceLogs: { rule: "repeated", type: "ResourceLogs", id: 1 } },
        },
        ExportLogsPartialSuccess: {
          fields: {
            rejectedLogRecords: { type: "int64", id: 1 },
            errorMessage: { type: "string", id: 2 },
          },
        },
        ExportLogsServiceResponse: {
          fields: { partialSuccess: { type: "ExportLogsPartialSuccess", id: 1 } },
        },
        Any: { fields: { typeUrl: { type: "string", id: 1 }, value: { type: "bytes", id: 2 } } },
        Status: {
          fields: {
            code: { type: "int32", id: 1 },
            message: { type: "string", id: 2 },
            details: { rule: "repeated", type: "Any", id: 3 },
          },
        },
      },
    },
  },
};

// The severity enum is decoded as its number (proto3 enums are open: unknown numbers stay).
const root = protobuf.Root.fromJSON(descriptor);
const type = (name: string) => root.lookupType(`common.${name}`);

export const ExportLogsServiceRequest = type("ExportLogsServiceRequest");
export const ExportLogsServiceResponse = type("ExportLogsServiceResponse");
export const RpcStatus = type("Status");
