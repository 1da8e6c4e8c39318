// An API command's input: its JSON body (any object; the command's zod schema judges the
// fields) merged with the path parameters naming its target, which win over the body.
import { z } from "zod";
import { KiB, readJson } from "./body.ts";

const Body = z.record(z.string(), z.unknown());

/** The body's fields plus `params`, typed for the command that parses them. */
export async function commandInput(
  req: Request,
  params: Record<string, string>,
  maxBytes = 16 * KiB,
): Promise<never> {
  const body = await readJson(req, Body, { maxBytes });
  return { ...body, ...params } as never;
}

/** The answer to a command that leaves nothing to return. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
