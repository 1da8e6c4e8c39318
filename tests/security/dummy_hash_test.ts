// docs/security.md P5: a login for an address with no account still spends one Argon2
// verification with today's parameters (the dummy hash), so the answer time does not tell
// whether the address is registered. Counted here at the Argon2 implementation the app uses;
// the times themselves are compared in bench/auth_paths.ts.
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { createUser, postJson } from "../helpers/accounts.ts";
import { defaultArgon2 } from "@/lib/auth/password.ts";

Deno.test("a failed login runs one Argon2 verification with today's parameters, for a registered and an unknown address", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const argon2 = await defaultArgon2();
  const verify = argon2.verify;
  const seen: string[] = [];
  argon2.verify = (phc, password) => {
    seen.push(/^\$argon2id\$v=19\$(m=\d+,t=\d+,p=\d+)\$/.exec(phc)?.[1] ?? phc);
    return verify(phc, password);
  };
  try {
    const cases: [string, string][] = [
      ["registered", user.email],
      ["unknown", "nobody-at-all@example.com"],
    ];
    let n = 0;
    for (const [what, email] of cases) {
      seen.length = 0;
      const res = await postJson(
        app,
        "/v1/auth/login",
        { email, password: "wrong password, long enough" },
        {},
        `10.6.0.${++n}`,
      );
      await res.body?.cancel();
      assert.equal(res.status, 401, what);
      assert.deepEqual(seen, ["m=19456,t=2,p=1"], `${what} address`);
    }
  } finally {
    argon2.verify = verify;
  }
});
