import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { credentialsProblem } from "../../doctor/credentials";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("doctor: credentials and region errors", () => {
  it("recognises the credential chain's errors and hints at AWS_PROFILE", () => {
    const problem = credentialsProblem(
      named("CredentialsProviderError", "Could not load credentials from any providers"),
    );
    assert.match(
      problem?.detail ?? "",
      /^no usable AWS credentials \(CredentialsProviderError: Could not load/,
    );
    assert.match(problem?.fix ?? "", /AWS_PROFILE/);
  });

  it("tells an expired SSO session to log in again", () => {
    const problem = credentialsProblem(
      named(
        "TokenProviderError",
        "The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login",
      ),
    );
    assert.match(problem?.fix ?? "", /^run `aws sso login --profile <profile>`/);
  });

  it("points a missing region at aws:region or AWS_REGION", () => {
    assert.match(credentialsProblem(new Error("Region is missing"))?.fix ?? "", /AWS_REGION/);
  });

  it("leaves other errors to the strategy's own check", () => {
    assert.strictEqual(credentialsProblem(named("AccessDeniedException", "no")), undefined);
  });

  it("reports missing credentials once, not once per strategy (real SDK credential chain)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doctor-"));
    const outputs = path.join(dir, "outputs.json");
    fs.writeFileSync(
      outputs,
      JSON.stringify({
        strategies: ["ecsExec", "stepFunctions"],
        clusterName: "c",
        serviceName: "s",
        taskRoleArn: "arn:aws:iam::123456789012:role/t",
        stateMachineArn: "arn:aws:states:ap-northeast-1:123456789012:stateMachine:m",
      }),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: path.join(dir, "none"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none"),
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const result = spawnSync(
      process.execPath,
      [path.join(PROJECT_ROOT, "bin", "scripts", "doctor.js"), "--outputs", outputs],
      { encoding: "utf8", env },
    );
    assert.strictEqual(result.status, 1, result.stderr);
    const failures = result.stdout.split("\n").filter((line) => line.startsWith("✖"));
    assert.deepStrictEqual(failures.length, 1, result.stdout);
    assert.match(failures[0], /^✖ \[all\] aws-credentials: no usable AWS credentials/);
  });
});
