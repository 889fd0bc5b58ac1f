import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const ENTRYPOINT = path.join(PROJECT_ROOT, "container", "entrypoint.sh");
const TASK_ARN = "arn:aws:ecs:ap-northeast-1:123456789012:task/batch-cluster/0a1b2c3d4e5f";
const CLUSTER_ARN = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/batch-cluster";
const SECRET_CODE = "Zq9ActivationCodeNeverShown";

interface Sandbox {
  dir: string;
  log: string;
  env: NodeJS.ProcessEnv;
}

/** Writes an executable stub that appends its name and arguments to the call log. */
function stub(dir: string, name: string, body: string): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "$CALL_LOG"\n${body}\n`);
  fs.chmodSync(file, 0o755);
}

/**
 * A fake Fargate task: stub `aws`, `curl` and `amazon-ssm-agent` on PATH (each logs its call),
 * the image's agent config, and the stack's environment.
 */
function sandbox(
  options: {
    /** How many create-activation calls fail before one succeeds. */
    createFailures?: number;
    registerFails?: boolean;
    agentOnPath?: boolean;
    /** The agent config's Profile.ShareCreds; the image sets false. */
    shareCreds?: boolean;
  } = {},
): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrypoint-"));
  const stubs = path.join(dir, "stubs");
  fs.mkdirSync(stubs, { recursive: true });
  const agentConfig = path.join(dir, "amazon-ssm-agent.json");
  if (options.shareCreds === false || options.shareCreds === undefined) {
    fs.copyFileSync(path.join(PROJECT_ROOT, "container", "amazon-ssm-agent.json"), agentConfig);
  } else {
    fs.writeFileSync(agentConfig, JSON.stringify({ Profile: { ShareCreds: true } }));
  }
  const log = path.join(dir, "calls.log");
  fs.writeFileSync(log, "");
  stub(
    stubs,
    "curl",
    `printf '{"Cluster":"${CLUSTER_ARN}","TaskARN":"${TASK_ARN}","Family":"f","Containers":[{"Name":"app"}]}'`,
  );
  stub(
    stubs,
    "aws",
    `case "$2" in create-activation)
      count=$(cat "${dir}/creates" 2>/dev/null || echo 0); echo $((count + 1)) > "${dir}/creates"
      if [ "$count" -lt ${options.createFailures ?? 0} ]; then
        echo "An error occurred (AccessDeniedException)" >&2; exit 254
      fi
      printf 'act-1234\\t${SECRET_CODE}\\n' ;; esac`,
  );
  // The agent echoes its arguments, as some versions do: the entry point must swallow them.
  const agentBody = options.registerFails ? 'echo "$*"; exit 1' : 'echo "$*"';
  if (options.agentOnPath !== false) {
    stub(stubs, "amazon-ssm-agent", agentBody);
  }
  return {
    dir,
    log,
    env: {
      PATH: `${stubs}:/usr/bin:/bin`,
      CALL_LOG: log,
      ECS_CONTAINER_METADATA_URI_V4: "http://169.254.170.2/v4/abc",
      AWS_REGION: "ap-northeast-1",
      FA_ACTIVATION_ROLE: "session-manager-activation-role-1",
      FA_ACTIVATION_EXPIRY_HOURS: "12",
      FA_STACK_TAG: "fargate-access/dev",
      FA_STACK_TAG_NAME: "fargate-access:stack",
      FA_CLUSTER_TAG_NAME: "fargate-access:cluster-arn",
      FA_TASK_TAG_NAME: "fargate-access:task-arn",
      FA_AGENT_CONFIG: agentConfig,
      FA_SUDOERS_FILE: path.join(dir, "sudoers.d", "ssm-agent-users"),
      FA_CREATE_ATTEMPTS: "3",
      FA_RETRY_DELAY_SECONDS: "0",
    },
  };
}

function run(box: Sandbox, args: string[] = ["sh", "-c", "echo workload ran: $0", "crond"]) {
  const result = spawnSync("sh", [ENTRYPOINT, ...args], { env: box.env, encoding: "utf8" });
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}`,
    stdout: result.stdout,
    calls: fs.readFileSync(box.log, "utf8").split("\n").filter(Boolean),
  };
}

describe("container entry point", () => {
  it("registers the task with a one-use, expiring, tagged activation, then runs the command", () => {
    const box = sandbox();
    const before = Math.floor(Date.now() / 1000);
    const result = run(box);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.stdout, /workload ran: crond/);

    const create = result.calls.find((call) => call.startsWith("aws ssm create-activation"));
    assert.ok(create, result.calls.join("\n"));
    assert.match(create, /--iam-role session-manager-activation-role-1 /);
    assert.match(create, /--registration-limit 1 /);
    assert.match(create, /--default-instance-name fargate-0a1b2c3d4e5f /);
    assert.match(create, new RegExp(`Key=fargate-access:task-arn,Value=${TASK_ARN}`));
    assert.match(create, new RegExp(`Key=fargate-access:cluster-arn,Value=${CLUSTER_ARN}`));
    assert.match(create, /Key=fargate-access:stack,Value=fargate-access\/dev/);
    const expiry = /--expiration-date (\S+)/.exec(create)?.[1] ?? "";
    const expirySeconds = Date.parse(expiry) / 1000;
    assert.ok(Math.abs(expirySeconds - (before + 12 * 3600)) < 120, `expiry ${expiry}`);

    assert.ok(
      result.calls.includes(
        `amazon-ssm-agent -register -code ${SECRET_CODE} -id act-1234 -region ap-northeast-1 -y`,
      ),
      result.calls.join("\n"),
    );
    // The task role has no ssm:DeleteActivation: the cleanup function deletes used activations.
    assert.ok(
      !result.calls.some((call) => call.includes("delete-activation")),
      result.calls.join("\n"),
    );
    assert.ok(!result.output.includes(SECRET_CODE), "activation code printed");
  });

  it("with FA_ONE_OFF=1 makes no AWS call, registers nothing, and just runs the command", () => {
    const box = sandbox();
    // A one-off run: none of the service's settings, not even the metadata endpoint.
    const env: NodeJS.ProcessEnv = { PATH: box.env.PATH, CALL_LOG: box.log, FA_ONE_OFF: "1" };
    const result = spawnSync("sh", [ENTRYPOINT, "sh", "-c", "echo one-off ran; exit 3"], {
      env,
      encoding: "utf8",
    });
    assert.strictEqual(result.status, 3, "the command's exit code is the container's");
    assert.match(result.stdout, /one-off ran/);
    assert.deepStrictEqual(
      fs.readFileSync(box.log, "utf8"),
      "",
      "aws, curl or the agent was called",
    );
  });

  it("refuses to start an agent that would share its credentials with the app", () => {
    const result = run(sandbox({ shareCreds: true }));
    assert.notStrictEqual(result.status, 0);
    assert.match(result.output, /must set Profile.ShareCreds to false/);
    assert.deepStrictEqual(result.calls, []);
  });

  it("needs the agent in the image", () => {
    const result = run(sandbox({ agentOnPath: false }));
    assert.notStrictEqual(result.status, 0);
    assert.match(
      result.output,
      /amazon-ssm-agent is not installed; build the image from container\/Dockerfile/,
    );
  });

  it("retries create-activation while the task role's policy propagates", () => {
    const result = run(sandbox({ createFailures: 2 }));
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.output, /create-activation failed \(attempt 2 of 3\); retrying/);
    assert.match(result.stdout, /workload ran: crond/);
  });

  it("stops without running the workload when the activation cannot be created", () => {
    const result = run(sandbox({ createFailures: 3 }));
    assert.notStrictEqual(result.status, 0);
    assert.match(
      result.output,
      /create-activation failed for role session-manager-activation-role-1 after 3 attempts/,
    );
    assert.doesNotMatch(result.output, /workload ran/);
    assert.strictEqual(
      result.calls.filter((call) => call.startsWith("aws ssm create-activation")).length,
      3,
    );
  });

  it("fails on a failed registration without printing the code", () => {
    const result = run(sandbox({ registerFails: true }));
    assert.notStrictEqual(result.status, 0);
    assert.match(result.output, /registering with activation act-1234 failed/);
    assert.ok(!result.output.includes(SECRET_CODE), "activation code printed");
  });

  it("names a missing setting and a missing command", () => {
    const box = sandbox();
    delete box.env.FA_ACTIVATION_ROLE;
    const missing = run(box);
    assert.notStrictEqual(missing.status, 0);
    assert.match(missing.output, /FA_ACTIVATION_ROLE is not set/);
    const noCommand = run(sandbox(), []);
    assert.match(noCommand.output, /no command to run; set fargate-access:service.command/);
  });

  describe("ssm-user's sudo (sessionManager.operatorSudo)", () => {
    it("removes a sudoers file the base image brought, by default, and still runs the workload", () => {
      const box = sandbox();
      const sudoers = String(box.env.FA_SUDOERS_FILE);
      fs.mkdirSync(path.dirname(sudoers), { recursive: true });
      fs.writeFileSync(sudoers, "ssm-user ALL=(ALL) NOPASSWD:ALL\n");
      const result = run(box);
      assert.strictEqual(result.status, 0, result.output);
      assert.ok(!fs.existsSync(sudoers), "the sudoers file is gone");
      assert.match(result.stdout, /workload ran/);
    });

    it("grants passwordless sudo, read-only, when FA_OPERATOR_SUDO is true", () => {
      const box = sandbox();
      box.env.FA_OPERATOR_SUDO = "true";
      const result = run(box);
      assert.strictEqual(result.status, 0, result.output);
      const sudoers = String(box.env.FA_SUDOERS_FILE);
      assert.strictEqual(fs.readFileSync(sudoers, "utf8"), "ssm-user ALL=(ALL) NOPASSWD:ALL\n");
      assert.strictEqual(fs.statSync(sudoers).mode & 0o777, 0o440);
    });

    it("refuses a value other than true or false, before registering", () => {
      const box = sandbox();
      box.env.FA_OPERATOR_SUDO = "yes";
      const result = run(box);
      assert.notStrictEqual(result.status, 0);
      assert.match(result.output, /FA_OPERATOR_SUDO must be true or false, not yes/);
      assert.ok(!result.calls.some((call) => call.startsWith("aws ")), result.calls.join("\n"));
    });
  });
});
