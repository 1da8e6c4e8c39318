// The inputs of the organization commands, one schema each, shared by the forms and the API.
import { z } from "zod";
import { checkHandle } from "../auth/handles.ts";

const blankToUndefined = (v: unknown) => typeof v === "string" && v.trim() === "" ? undefined : v;

export const Handle = z.string().transform((v, ctx) => {
  const checked = checkHandle(v);
  if ("error" in checked) {
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  }
  return checked.handle;
});

export const DisplayName = z.string().trim().min(1, "must not be empty")
  .max(100, "must be at most 100 characters");
export const Description = z.preprocess(
  blankToUndefined,
  z.string().trim().max(300, "must be at most 300 characters").nullable().optional(),
);
export const Url = z.preprocess(
  blankToUndefined,
  z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://example.com" })
    .max(200, "must be at most 200 characters").nullable().optional(),
);

export const CreateOrg = z.strictObject({
  handle: Handle,
  display_name: DisplayName,
  description: Description,
  url: Url,
});

export const UpdateOrg = z.strictObject({
  org: z.string(),
  display_name: DisplayName.optional(),
  description: Description,
  url: Url,
});

export const OrgRef = z.strictObject({ org: z.string() });

export const ROLES = ["owner", "admin", "member"] as const;
export const Role = z.enum(ROLES, "must be one of: owner, admin, member");

export const Invite = z.strictObject({
  org: z.string(),
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address")),
  role: Role.default("member"),
});

export const MemberRef = z.strictObject({ org: z.string(), user: z.string() });
export const ChangeRole = z.strictObject({ org: z.string(), user: z.string(), role: Role });

export const InvitationRef = z.strictObject({
  id: z.string(),
  /** The token from the invitation mail, when the invitee followed its link. */
  token: z.string().optional(),
});
export const OrgInvitationRef = z.strictObject({ org: z.string(), id: z.string() });

export const TeamSlug = z.string().trim().toLowerCase().regex(
  /^[a-z0-9][a-z0-9-]{0,38}$/,
  "must be 1 to 39 lowercase letters, digits and hyphens, starting with a letter or digit",
);
export const TeamName = z.string().trim().min(1, "must not be empty")
  .max(100, "must be at most 100 characters");
export const CreateTeam = z.strictObject({ org: z.string(), slug: TeamSlug, name: TeamName });
export const TeamRef = z.strictObject({ org: z.string(), team: z.string() });
export const RenameTeam = z.strictObject({ org: z.string(), team: z.string(), name: TeamName });
export const TeamMember = z.strictObject({ org: z.string(), team: z.string(), user: z.string() });
export const PERMISSIONS = ["read", "publish", "admin"] as const;
export const TeamGrant = z.strictObject({
  org: z.string(),
  team: z.string(),
  package: z.string(),
  permission: z.enum(PERMISSIONS, "must be one of: read, publish, admin"),
});
export const TeamPackage = z.strictObject({
  org: z.string(),
  team: z.string(),
  package: z.string(),
});

export const OrgTokenRef = z.strictObject({ org: z.string(), id: z.string() });
