import { z } from "zod";

/** Where blobs live: a local folder (default) or an S3-compatible bucket. */
export type BlobConfig =
  | { kind: "local"; dir: string }
  | {
    kind: "s3";
    bucket: string;
    region: string;
    endpoint?: string;
    forcePathStyle: boolean;
    accessKeyId?: string;
    secretAccessKey?: string;
  };

/** How mail leaves: printed to the console (default) or sent over SMTP. */
export type MailConfig = { kind: "console"; from: string } | {
  kind: "smtp";
  url: string;
  from: string;
};

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  bindAddress: string;
  /** Scheme, host and port the public reaches us at; links and the CSRF check use it. */
  publicOrigin: string;
  /** True when the public origin is https: Secure, `__Host-` cookies and HSTS. */
  secureCookies: boolean;
  database: { url: string; authToken?: string; busyTimeoutMs: number };
  blobs: BlobConfig;
  mail: MailConfig;
  /** Honour X-Forwarded-For from this many proxies in front of us; 0 trusts none. */
  trustedProxies: number;
  experimentalManifests: boolean;
  /** Organizations (docs/adr/0010): off, no organization route exists. */
  orgsEnabled: boolean;
  /** How long a public package page may be served without asking the database if it changed. */
  publicPageMaxStaleMs: number;
  logRetentionDays: number;
  accessLog: boolean;
  /** How long a client may take to send a request (see lib/server/front.ts). */
  requestLimits: {
    headTimeoutMs: number;
    bodyTimeoutMs: number;
    /** Bytes per second; each byte received extends the body's time by 1/rate seconds. */
    bodyMinRate: number;
    unfinishedPerClient: number;
  };
}

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const int = (min: number, max: number) =>
  z.string().regex(/^\d+$/, `must be a whole number from ${min} to ${max}`).transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const Env = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(1, 65535).default(8000),
  BIND_ADDRESS: z.string().min(1).default("127.0.0.1"),
  PUBLIC_ORIGIN: z.url({
    protocol: /^https?$/,
    error: "must be an http(s) origin such as https://control.example.com",
  })
    .refine(
      (v) => new URL(v).origin === v.replace(/\/$/, ""),
      "must be an origin only, with no path, query or fragment",
    )
    .transform((v) => new URL(v).origin)
    .optional(),
  DATABASE_URL: z.string().regex(
    /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
    "must start with file:, libsql://, https://, http:// or ws(s)://",
  ).default("file:data/inactu.db"),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  DATABASE_BUSY_TIMEOUT_MS: int(1, 60000).default(5000),
  BLOB_STORE: z.enum(["local", "s3"]).default("local"),
  BLOB_DIR: z.string().min(1).default("data/blobs"),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("inactu-control <no-reply@localhost>"),
  TRUSTED_PROXIES: int(0, 10).default(0),
  EXPERIMENTAL_MANIFESTS: bool.default(false),
  ORGS_ENABLED: bool.default(false),
  PUBLIC_PAGE_MAX_STALE_MS: int(0, 60000).optional(),
  LOG_RETENTION_DAYS: int(1, 3650).default(30),
  ACCESS_LOG: bool.default(true),
  REQUEST_HEAD_TIMEOUT_MS: int(100, 600000).default(20000),
  REQUEST_BODY_TIMEOUT_MS: int(100, 3600000).default(20000),
  REQUEST_BODY_MIN_RATE: int(1, 1_000_000_000).default(500),
  UNFINISHED_REQUESTS_PER_CLIENT: int(1, 100000).default(16),
});

/** Validates an environment record; throws one error naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = Env.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  // Without PUBLIC_ORIGIN, the app is where it listens: http://localhost:<PORT>.
  const e = {
    ...result.data,
    PUBLIC_ORIGIN: result.data.PUBLIC_ORIGIN ?? `http://localhost:${result.data.PORT}`,
  };
  if (e.BLOB_STORE === "s3" && !e.S3_BUCKET) {
    throw new Error("invalid configuration:\n  S3_BUCKET: is required when BLOB_STORE=s3");
  }
  if (e.APP_ENV === "production" && !e.SMTP_URL) {
    // The console mailer would write verification and reset links into production logs.
    throw new Error("invalid configuration:\n  SMTP_URL: is required when APP_ENV=production");
  }
  if (e.APP_ENV === "production" && !e.PUBLIC_ORIGIN.startsWith("https://")) {
    throw new Error(
      "invalid configuration:\n  PUBLIC_ORIGIN: must be https:// when APP_ENV=production",
    );
  }
  return {
    env: e.APP_ENV,
    port: e.PORT,
    bindAddress: e.BIND_ADDRESS,
    publicOrigin: e.PUBLIC_ORIGIN,
    secureCookies: e.PUBLIC_ORIGIN.startsWith("https://"),
    database: {
      url: e.DATABASE_URL,
      authToken: e.DATABASE_AUTH_TOKEN,
      busyTimeoutMs: e.DATABASE_BUSY_TIMEOUT_MS,
    },
    blobs: e.BLOB_STORE === "s3"
      ? {
        kind: "s3",
        bucket: e.S3_BUCKET!,
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        accessKeyId: e.S3_ACCESS_KEY_ID,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      }
      : { kind: "local", dir: e.BLOB_DIR },
    mail: e.SMTP_URL
      ? { kind: "smtp", url: e.SMTP_URL, from: e.MAIL_FROM }
      : { kind: "console", from: e.MAIL_FROM },
    trustedProxies: e.TRUSTED_PROXIES,
    experimentalManifests: e.EXPERIMENTAL_MANIFESTS,
    orgsEnabled: e.ORGS_ENABLED,
    // An embedded database answers the freshness check in microseconds, so it runs on every
    // view; a remote one costs a round trip, so an instance may trust its answer for a second.
    publicPageMaxStaleMs: e.PUBLIC_PAGE_MAX_STALE_MS ??
      (e.DATABASE_URL.startsWith("file:") ? 0 : 1000),
    logRetentionDays: e.LOG_RETENTION_DAYS,
    accessLog: e.ACCESS_LOG,
    requestLimits: {
      headTimeoutMs: e.REQUEST_HEAD_TIMEOUT_MS,
      bodyTimeoutMs: e.REQUEST_BODY_TIMEOUT_MS,
      bodyMinRate: e.REQUEST_BODY_MIN_RATE,
      unfinishedPerClient: e.UNFINISHED_REQUESTS_PER_CLIENT,
    },
  };
}

/** Reads the process environment once; the only place in the app that touches it. */
export function readConfig(): Config {
  return parseConfig(Deno.env.toObject());
}
