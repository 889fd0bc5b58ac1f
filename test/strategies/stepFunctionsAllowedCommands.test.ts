import * as assert from "assert";
import aslValidator from "asl-validator";
import { RawConfig } from "../../config/types";
import { ConfigError, validateConfig } from "../../config/validate";
import {
  AllowedCommands,
  argumentMatches,
  commandAllowed,
} from "../../strategies/stepFunctions/allowedCommands";
import {
  COMMAND_NOT_ALLOWED,
  RunTaskDefinitionArgs,
  buildRunTaskDefinition,
} from "../../strategies/stepFunctions/definition";
import { fakeRunTaskSync } from "../fakes/ecsRunTaskSync";
import { startLocalExecution } from "../fakes/localStateMachine";

const ARGS: RunTaskDefinitionArgs = {
  clusterArn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/c",
  taskDefinitionFamily: "fargate-access-prod",
  containerName: "app",
  subnetIds: ["subnet-0123abcd"],
  securityGroupIds: ["sg-0123abcd"],
  capacityProvider: "FARGATE",
  timeoutSeconds: 900,
  runEnvironment: [{ Name: "FA_ONE_OFF", Value: "1" }],
};

/** The example, plus a one-argument pattern and a literal star. */
const PATTERNS: AllowedCommands = [
  ["php", "artisan", "batch:*"],
  ["php", "artisan", "queue:retry", "*"],
  ["uptime"],
  ["echo", "\\*"],
];

async function run(commands: (string | number)[], patterns = PATTERNS) {
  const definition = buildRunTaskDefinition({ ...ARGS, allowedCommands: patterns });
  const execution = startLocalExecution(
    definition,
    { commands },
    fakeRunTaskSync([{ exitCode: 0 }]),
  );
  const outcome = await execution.outcome;
  return {
    outcome,
    runTaskCalls: execution.runTaskCalls as {
      Overrides: { ContainerOverrides: { Command: string[] }[] };
    }[],
  };
}

describe("stepFunctions.allowedCommands, enforced by the state machine (local interpreter)", () => {
  it("passes the ASL validator with and without an allow-list", () => {
    for (const allowedCommands of [PATTERNS, []]) {
      const { isValid, errorsText } = aslValidator(
        buildRunTaskDefinition({ ...ARGS, allowedCommands }),
      );
      assert.ok(isValid, errorsText("\n"));
    }
  });

  const allowed: string[][] = [
    ["php", "artisan", "batch:nightly"],
    ["php", "artisan", "batch:"],
    ["php", "artisan", "queue:retry", "all"],
    ["uptime"],
    ["echo", "*"],
  ];
  for (const command of allowed) {
    it(`starts a task with exactly ${JSON.stringify(command)}`, async () => {
      assert.ok(commandAllowed(PATTERNS, command));
      const { outcome, runTaskCalls } = await run(command);
      assert.strictEqual(outcome.status, "SUCCEEDED", JSON.stringify(outcome));
      assert.strictEqual(runTaskCalls.length, 1);
      assert.deepStrictEqual(runTaskCalls[0].Overrides.ContainerOverrides[0].Command, command);
    });
  }

  const refused: [string, string[]][] = [
    ["another artisan command", ["php", "artisan", "tinker"]],
    ["one argument too many", ["php", "artisan", "batch:x", "--force"]],
    ["one argument too few", ["php", "artisan", "queue:retry"]],
    ["a prefix that only looks alike", ["php", "artisan", "xbatch:x"]],
    ["a shell around an allowed command", ["sh", "-c", "php artisan batch:x"]],
    ["a star where the pattern wants a literal one", ["echo", "x"]],
    ["a length no pattern has", ["php", "artisan", "batch:x", "a", "b"]],
  ];
  for (const [title, command] of refused) {
    it(`refuses ${title} with CommandNotAllowed naming it, and starts nothing`, async () => {
      assert.ok(!commandAllowed(PATTERNS, command));
      const { outcome, runTaskCalls } = await run(command);
      assert.deepStrictEqual(outcome, {
        status: "FAILED",
        error: COMMAND_NOT_ALLOWED,
        cause: `The command ${JSON.stringify(command)} matches no pattern of stepFunctions.allowedCommands; no task was started.`,
      });
      assert.strictEqual(runTaskCalls.length, 0);
    });
  }

  it("still refuses a malformed input with InvalidInput before the allow-list", async () => {
    const { outcome, runTaskCalls } = await run([5]);
    assert.strictEqual(outcome.status === "FAILED" && outcome.error, "InvalidInput");
    assert.strictEqual(runTaskCalls.length, 0);
  });

  it("without an allow-list, any command runs (as before)", async () => {
    const { outcome, runTaskCalls } = await run(["sh", "-c", "anything"], []);
    assert.strictEqual(outcome.status, "SUCCEEDED");
    assert.strictEqual(runTaskCalls.length, 1);
  });
});

describe("StringMatches as Step Functions reads it (argumentMatches)", () => {
  const cases: [string, string, boolean][] = [
    ["batch:*", "batch:x", true],
    ["batch:*", "batch:", true],
    ["*", "", true],
    ["a*c", "abbbc", true],
    ["a*c", "abd", false],
    ["\\*", "*", true],
    ["\\*", "x", false],
    ["a\\\\b", "a\\b", true],
    // Nothing but * is special (AWS); the local interpreter's glob library reads ? as a wildcard.
    ["a?c", "a?c", true],
    ["a?c", "abc", false],
    ["a.c", "abc", false],
  ];
  for (const [pattern, argument, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(argument)}`, () => {
      assert.strictEqual(argumentMatches(pattern, argument), expected);
    });
  }
});

describe("stepFunctions.allowedCommands config", () => {
  const base: RawConfig = {
    strategies: ["stepFunctions"],
    service: {
      image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app@sha256:" + "a".repeat(64),
    },
  };
  const problemsOf = (allowedCommands: unknown): readonly string[] => {
    try {
      validateConfig({ ...base, stepFunctions: { allowedCommands } } as RawConfig);
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      return error.problems;
    }
    return [];
  };

  it("reads patterns, and absent as any command", () => {
    assert.deepStrictEqual(
      validateConfig({ ...base, stepFunctions: { allowedCommands: PATTERNS } } as RawConfig).config
        .stepFunctions?.allowedCommands,
      PATTERNS,
    );
    assert.deepStrictEqual(validateConfig(base).config.stepFunctions?.allowedCommands, []);
  });

  const bad: [string, unknown, string][] = [
    [
      "a string",
      "php artisan *",
      "fargate-access:stepFunctions.allowedCommands: must be a list of argv patterns",
    ],
    [
      "a flat list",
      ["php", "artisan"],
      `fargate-access:stepFunctions.allowedCommands: must be a list of patterns, each a list: got one flat list ["php","artisan"]; write [["php","artisan"]].`,
    ],
    [
      "an empty pattern",
      [[]],
      "fargate-access:stepFunctions.allowedCommands[0]: must be a non-empty list of argument patterns (strings); got [].",
    ],
    [
      "an empty argument",
      [["php", ""]],
      'fargate-access:stepFunctions.allowedCommands[0][1]: must be a non-empty string; got "".',
    ],
    [
      "a number",
      [["sleep", 5]],
      "fargate-access:stepFunctions.allowedCommands[0][1]: must be a non-empty string; got 5.",
    ],
    [
      "a lone backslash",
      [["a\\b"]],
      'fargate-access:stepFunctions.allowedCommands[0][0]: a backslash must be followed by * or \\ (write \\\\ for a backslash), got "a\\\\b".',
    ],
  ];
  for (const [title, value, message] of bad) {
    it(`refuses ${title} with one message naming the key and the value`, () => {
      const problems = problemsOf(value);
      assert.strictEqual(problems.length, 1, problems.join("\n"));
      assert.ok(problems[0].startsWith(message), problems[0]);
    });
  }
});
