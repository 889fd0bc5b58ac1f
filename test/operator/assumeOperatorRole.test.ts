import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { SFNClient } from "@aws-sdk/client-sfn";
import { STSClient } from "@aws-sdk/client-sts";
import * as assert from "assert";
import { OperatorTrustRequirements, operatorTrustStatements } from "../../components/iam";
import type { PolicyDocument } from "../../policies/iam/requestEvaluation";
import { main } from "../../scripts/task";
import { createFakeLogs } from "../fakes/logs";
import { createFakeSfn } from "../fakes/sfn";
import { FakeStsOptions, createFakeSts } from "../fakes/sts";
import {
  OPERATOR_KEY,
  STACK,
  STACK_DEFINITION,
  captureIo,
  outputsFile,
  stackOutputs,
  useRealSdkSend,
  withFakeAws,
} from "../helpers/operatorHarness";

// `npm run task --assume-operator-role` end to end: the real SDK against the local AWS endpoint,
// whose STS (test/fakes/sts.ts) judges AssumeRole by the trust policy the program emits
// (components/iam.ts operatorTrustStatements) and enforces STS's source-identity and MFA rules.
// Before this change the command set no source identity, so every case that expects "allowed"
// under a trust that requires one failed.

const ALICE = "arn:aws:iam::123456789012:user/alice";
const ALICE_MFA = "arn:aws:iam::123456789012:mfa/alice-phone";
const CODE = "402913";
const SSO_ROLE =
  "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_Operators_0123456789abcdef";
const ONCALL = "arn:aws:iam::123456789012:role/oncall";
const SSO_KEY = "ASIAFAKESSO000000001";
const CHAIN_KEY = "ASIAFAKECHAIN0000001";

/** The emitted trust, as IAM reads it (its values are plain strings: no Pulumi inputs). */
function trust(requirements: OperatorTrustRequirements): PolicyDocument {
  return JSON.parse(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: operatorTrustStatements([ALICE, SSO_ROLE, ONCALL], requirements),
    }),
  ) as PolicyDocument;
}

const STS_WORLD: FakeStsOptions = {
  users: {
    [OPERATOR_KEY]: { arn: ALICE, userId: "AIDAFAKEALICE", mfa: { serial: ALICE_MFA, code: CODE } },
  },
  roleSessions: {
    // An Identity Center user signed in (with MFA, at Identity Center); the key says nothing.
    [SSO_KEY]: { roleArn: SSO_ROLE, sessionName: "alice@example.com" },
    // A chained session whose source identity (dave) persists, under another session name.
    [CHAIN_KEY]: {
      roleArn: ONCALL,
      sessionName: "carol",
      sourceIdentity: "dave",
      mfaPresent: true,
    },
  },
};

async function runTask(
  argv: string[],
  options: {
    requirements: OperatorTrustRequirements;
    key?: string;
    answers?: string[];
    stack?: string;
  },
) {
  const logs = createFakeLogs(10);
  logs.createGroup(STACK.logGroup);
  const sfn = createFakeSfn({
    stateMachineArn: STACK.stateMachineArn,
    definition: STACK_DEFINITION,
    logs,
    logGroupName: STACK.logGroup,
    containerName: STACK.container,
    runFor: () => ({ logLines: ["done"], exitCode: 0 }),
  });
  const sts = createFakeSts([], {
    ...STS_WORLD,
    trust: { [STACK.sfnOperatorRole]: trust(options.requirements) },
  });
  const aws = await withFakeAws({ states: sfn.service, logs: logs.service, sts: sts.service });
  if (options.key) {
    process.env.AWS_ACCESS_KEY_ID = options.key;
    process.env.AWS_SESSION_TOKEN = "fake-session-token";
  }
  const capture = captureIo({ answers: options.answers });
  try {
    const file = outputsFile(stackOutputs());
    const code = await main(
      [
        "--stack",
        options.stack ?? "dev",
        "--outputs",
        file,
        "--assume-operator-role",
        ...argv,
        "--",
        "true",
      ],
      capture.io,
    );
    const output = capture.stdout() + capture.stderr();
    return { code, output, sts, sfn, questions: capture.questions, trail: aws.server.trail };
  } finally {
    delete process.env.AWS_SESSION_TOKEN;
    await aws.stop();
  }
}

const MFA_REQUIRED = { requireSourceIdentity: true, requireMfa: true };
const MFA_OPTIONAL = { requireSourceIdentity: true, requireMfa: false };

describe("--assume-operator-role: source identity and MFA (real SDK, local STS)", () => {
  useRealSdkSend([SFNClient, CloudWatchLogsClient, STSClient]);

  it("an IAM user: sets their own name as source identity, says so, and runs", async () => {
    const result = await runTask([], { requirements: MFA_OPTIONAL });
    assert.strictEqual(result.code, 0, result.output);
    assert.deepStrictEqual(
      result.sts.sessions.map((s) => [s.sourceIdentity, s.roleSessionName, s.mfa]),
      [["alice", "fargate-access-alice", false]],
    );
    assert.match(
      result.output,
      /Assumed .*sfn-operator with source identity "alice" \(without MFA\)/,
    );
    assert.strictEqual(result.sfn.executions.size, 1);
  });

  it("MFA required: --mfa-serial and --mfa-code get in; the code is never printed", async () => {
    const result = await runTask(["--mfa-serial", ALICE_MFA, "--mfa-code", CODE], {
      requirements: MFA_REQUIRED,
    });
    assert.strictEqual(result.code, 0, result.output);
    assert.deepStrictEqual(
      result.sts.sessions.map((s) => s.mfa),
      [true],
    );
    assert.match(result.output, /source identity "alice" \(with MFA\)/);
    assert.ok(!result.output.includes(CODE));
  });

  it("MFA required: the code is asked for on the terminal (a secret) when not given", async () => {
    const result = await runTask(["--mfa-serial", ALICE_MFA], {
      requirements: MFA_REQUIRED,
      answers: [CODE],
    });
    assert.strictEqual(result.code, 0, result.output);
    assert.deepStrictEqual(result.questions, [`MFA code of ${ALICE_MFA}: `]);
    assert.ok(!result.output.includes(CODE));
  });

  it("MFA required but not given: STS refuses, and the message says what to add", async () => {
    const result = await runTask([], { requirements: MFA_REQUIRED });
    assert.strictEqual(result.code, 1);
    assert.match(result.output, /STS refused .* without MFA[\s\S]*--mfa-serial/);
    assert.strictEqual(result.sfn.executions.size, 0);
  });

  it("a wrong code is refused by STS (and not echoed)", async () => {
    const result = await runTask(["--mfa-serial", ALICE_MFA, "--mfa-code", "000000"], {
      requirements: MFA_REQUIRED,
    });
    assert.strictEqual(result.code, 1);
    assert.match(result.output, /invalid MFA one time pass code/);
    assert.ok(!result.output.includes("000000"));
  });

  it("a production-like stack (prod: requireMfa from its config) asks an IAM user for device and code first", async () => {
    const nobody = await runTask([], { requirements: MFA_REQUIRED, stack: "prod" });
    assert.strictEqual(nobody.code, 1);
    assert.match(nobody.output, /requires MFA \(requireMfa\): pass --mfa-serial/);
    assert.ok(!nobody.trail.some((call) => call.operation === "AssumeRole"), "asked STS nothing");
    const asked = await runTask([], {
      requirements: MFA_REQUIRED,
      stack: "prod",
      answers: [ALICE_MFA, CODE],
    });
    assert.strictEqual(asked.code, 0, asked.output);
    assert.strictEqual(asked.questions.length, 2);
  });

  it("an IAM Identity Center user: the session name is the source identity, no MFA code asked", async () => {
    const result = await runTask([], { requirements: MFA_REQUIRED, key: SSO_KEY, stack: "prod" });
    assert.strictEqual(result.code, 0, result.output);
    assert.deepStrictEqual(result.questions, []);
    assert.deepStrictEqual(
      result.sts.sessions.map((s) => s.sourceIdentity),
      ["alice@example.com"],
    );
    assert.match(result.output, /source identity "alice@example\.com"/);
  });

  it("a chained session keeps the source identity it has: STS refuses another one", async () => {
    const result = await runTask([], { requirements: MFA_OPTIONAL, key: CHAIN_KEY });
    assert.strictEqual(result.code, 1);
    assert.match(result.output, /source identity "carol"[\s\S]*cannot be changed/);
  });
});
