// The inputs of the account commands, one zod schema each, used by both doors: the API reads
// its JSON body with them and the pages map their form fields onto the same objects. A
// problem names its field ("password: Password must be at least 12 characters"); a form
// shows the sentence beside that field.
import { z } from "zod";
import { normalizeEmail } from "./accounts.ts";
import { checkHandle } from "./handles.ts";
import { checkPasswordPolicy, isPasswordTooLong, PASSWORD_TOO_LONG } from "./password.ts";
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, type Scope, SCOPES } from "./api_tokens.ts";

const INVALID_EMAIL = "Enter a valid email address, such as you@example.com";

/** An address to write to: trimmed, NFC, lowercased, and shaped like an address. */
export const Email = z.string().transform(normalizeEmail)
  .pipe(z.email(INVALID_EMAIL).max(254, INVALID_EMAIL));

/** A new handle: lowercased, and allowed by the handle rules. */
export const Handle = z.string().transform((value, ctx) => {
  const checked = checkHandle(value);
  if ("handle" in checked) return checked.handle;
  ctx.addIssue({ code: "custom", message: checked.error });
  return z.NEVER;
});

/** A new password: the whole policy (length, common passwords). */
export const NewPassword = z.string().superRefine((value, ctx) => {
  const problem = checkPasswordPolicy(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A password to check against a stored hash: refused unheard when it could never be one. */
const GivenPassword = (empty: string) =>
  z.string().min(1, empty).refine((value) => !isPasswordTooLong(value), PASSWORD_TOO_LONG);

export const SignUpInput = z.strictObject({ email: Email, handle: Handle, password: NewPassword });

// The address is not checked for shape: an address that cannot exist fails like a wrong one.
export const SignInInput = z.strictObject({
  email: z.string().min(1, "Enter your email address"),
  password: GivenPassword("Enter your password"),
});

/** The forgot-password and resend-verification forms: one address. */
export const EmailInput = z.strictObject({
  email: z.string("Enter the email address you signed up with").pipe(Email),
});

export const LinkToken = z.string().max(200);
export const VerifyInput = z.strictObject({ token: LinkToken });
/**
 * Sessions always end with a password change; API tokens (CI, runtimes) keep working unless
 * the user asks for them to be revoked too.
 */
const RevokeTokens = z.boolean("revoke_tokens must be true or false").default(false);

export const ResetInput = z.strictObject({
  token: LinkToken,
  password: NewPassword,
  revoke_tokens: RevokeTokens,
});

export const ChangePasswordInput = z.strictObject({
  current_password: GivenPassword("Enter your current password"),
  password: NewPassword,
  revoke_tokens: RevokeTokens,
});

const SCOPE_LIST = SCOPES.join(", ");
export const OWNER_RULE =
  "Owner must be your own handle or the handle of an organization you belong to";
const NAME_RULE = 'Name must be 1 to 64 characters, such as "CI publish"';
const EXPIRY_RULE =
  `Expiry must be a whole number of days from 1 to ${MAX_TOKEN_DAYS} (default ${DEFAULT_TOKEN_DAYS})`;

export const TokenInput = z.strictObject({
  name: z.string().max(200, NAME_RULE).trim().min(1, NAME_RULE).max(64, NAME_RULE)
    .refine((name) => !/\p{Cc}/u.test(name), "Name must not contain control characters"),
  scopes: z.array(z.string().max(64)).max(20)
    .min(1, `Choose at least one scope: ${SCOPE_LIST}`)
    .superRefine((scopes, ctx) => {
      const unknown = scopes.find((x) => !(SCOPES as readonly string[]).includes(x));
      if (unknown === undefined) return;
      ctx.addIssue({
        code: "custom",
        message: `Unknown scope "${unknown.slice(0, 40)}"; allowed: ${SCOPE_LIST}`,
      });
    })
    .transform((scopes) => scopes as Scope[]),
  expires_in_days: z.number(EXPIRY_RULE).int(EXPIRY_RULE).min(1, EXPIRY_RULE)
    .max(MAX_TOKEN_DAYS, EXPIRY_RULE).default(DEFAULT_TOKEN_DAYS),
  /** The handle of the owner the token acts for: yours (the default) or an organization's. */
  owner: z.string(OWNER_RULE).max(64, OWNER_RULE).trim().toLowerCase().optional()
    .meta({ description: OWNER_RULE }),
});

/** One session or token, named by its id. */
export const IdInput = z.strictObject({ id: z.string() });
