import * as assert from "assert";
import { parseShellArgs, parseTaskArgs } from "../../operator/args";
import { callerName, sourceIdentityOf } from "../../operator/sourceIdentity";

describe("the source identity of a caller (STS: 2-64 of [\\w+=,.@-])", () => {
  for (const [arn, expected] of [
    ["arn:aws:iam::123456789012:user/alice", "alice"],
    ["arn:aws:iam::123456789012:user/team/ops/bob.smith", "bob.smith"],
    [
      "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Operators_0123456789abcdef/alice@example.com",
      "alice@example.com",
    ],
    ["arn:aws-cn:sts::123456789012:federated-user/carol", "carol"],
  ] as const) {
    it(`${arn} → ${expected}`, () => {
      assert.strictEqual(sourceIdentityOf(callerName(arn)), expected);
    });
  }

  it("refuses the root user and names that STS would refuse, saying why", () => {
    assert.throws(
      () => sourceIdentityOf(callerName("arn:aws:iam::123456789012:root")),
      /root user, which names no person/,
    );
    assert.throws(
      () => sourceIdentityOf(callerName("arn:aws:iam::123456789012:user/q")),
      /your name "q" cannot be a source identity: STS allows 2 to 64/,
    );
    const long = `arn:aws:sts::123456789012:assumed-role/r/${"x".repeat(65)}`;
    assert.throws(() => sourceIdentityOf(callerName(long)), /2 to 64/);
  });
});

describe("--mfa-serial / --mfa-code", () => {
  it("are read with --assume-operator-role", () => {
    const args = parseTaskArgs([
      "--assume-operator-role",
      "--mfa-serial",
      "arn:aws:iam::123456789012:mfa/alice",
      "--mfa-code",
      "012345",
      "--",
      "true",
    ]);
    assert.deepStrictEqual(
      [args.mfaSerial, args.mfaCode],
      ["arn:aws:iam::123456789012:mfa/alice", "012345"],
    );
  });

  it("refuse being used without --assume-operator-role, a bad device, a code that is not 6 digits", () => {
    assert.throws(
      () => parseShellArgs(["--mfa-serial", "arn:aws:iam::123456789012:mfa/alice"]),
      /--mfa-serial goes with --assume-operator-role/,
    );
    assert.throws(
      () => parseShellArgs(["--assume-operator-role", "--mfa-serial", "my phone"]),
      /--mfa-serial "my phone": expected your MFA device's ARN/,
    );
    assert.throws(
      () => parseShellArgs(["--assume-operator-role", "--mfa-code", "123456"]),
      /--mfa-code needs --mfa-serial/,
    );
    assert.throws(
      () =>
        parseShellArgs([
          "--assume-operator-role",
          "--mfa-serial",
          "arn:aws:iam::123456789012:mfa/alice",
          "--mfa-code",
          "12345x",
        ]),
      (error: Error) => /six digits/.test(error.message) && !error.message.includes("12345x"),
    );
  });
});
