import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { readForeignProject } from "../../offline/foreignProject";
import type { OfflineRun } from "../../offline/runOffline";
import type { RecordedResource } from "../../offline/recordingMonitor";
import { main as checkMain } from "../../scripts/check";
import { planForeignProgram } from "../../scripts/planProgram";
import type { ServiceRequirements } from "../../library";
import { runScript } from "../helpers/runScript";

const EXAMPLE = path.join(PROJECT_ROOT, "examples", "existing-service");
const STACK_FILE = fs.readFileSync(path.join(EXAMPLE, "Pulumi.staging.yaml"), "utf8");
const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
const ONCALL = "arn:aws:iam::123456789012:role/orders-oncall";

/** A copy of the example outside this checkout, with its stack file changed by `edit`. */
function variant(edit: (stackFile: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "existing-service-"));
  for (const file of ["Pulumi.yaml", "index.ts"]) {
    fs.copyFileSync(path.join(EXAMPLE, file), path.join(dir, file));
  }
  const edited = edit(STACK_FILE);
  assert.notStrictEqual(edited, STACK_FILE, "the variant changes the stack file");
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), edited);
  return dir;
}

function ofType(run: OfflineRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

/** The principals a role's trust policy lets assume it. */
function trustedPrincipals(role: RecordedResource): unknown[] {
  const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as {
    Statement: { Principal?: { AWS?: unknown } }[];
  };
  return trust.Statement.flatMap((statement) => statement.Principal?.AWS ?? []);
}

describe("examples/existing-service (a team's TypeScript program using the library)", () => {
  let run: OfflineRun;
  before(async function () {
    this.timeout(120000);
    run = await planForeignProgram(readForeignProject(EXAMPLE), "staging");
  });

  it("builds the state machine and both operator roles, and none of the service itself", () => {
    for (const type of [
      "awsx:ec2:Vpc",
      "aws:ec2/vpc:Vpc",
      "aws:ec2/subnet:Subnet",
      "aws:ec2/securityGroup:SecurityGroup",
      "aws:ecs/cluster:Cluster",
      "aws:ecs/service:Service",
      "aws:ecs/taskDefinition:TaskDefinition",
    ]) {
      assert.deepStrictEqual(ofType(run, type), [], `no ${type} of its own`);
    }
    const [stateMachine] = ofType(run, "aws:sfn/stateMachine:StateMachine");
    assert.ok(stateMachine, "a state machine");
    // It runs the team's task definition in their subnets, with their security group.
    const definition = String(stateMachine.inputs.definition);
    for (const value of ["orders-worker", "sg-0a1b2c3d4e5f60003", ...SUBNETS]) {
      assert.ok(definition.includes(value), `the definition names ${value}`);
    }
    const operatorRoles = ofType(run, "aws:iam/role:Role").filter((role) =>
      trustedPrincipals(role).includes(ONCALL),
    );
    assert.deepStrictEqual(
      operatorRoles.map((role) => role.name).sort(),
      ["orders-ecs-exec-operator-role", "orders-step-functions-operator-role"],
      "one operator role per strategy, named after the component, assumable by operatorPrincipals",
    );
    // The task-role policy goes on the team's role, by the name in its ARN.
    const taskPolicies = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter(
      (policy) => policy.inputs.role === "orders-worker-task",
    );
    assert.ok(taskPolicies.length > 0, "a task-role policy attached to orders-worker-task");
  });

  it("exports the commands, the operator role ARNs and what the service must change", () => {
    const outputs = run.outputs;
    assert.match(
      String(outputs.ecsExecCommand),
      /--cluster orders\b[\s\S]*--service-name orders-worker\b[\s\S]*--container worker\b/,
    );
    assert.match(String(outputs.stepFunctionsStartCommand), /aws stepfunctions start-execution/);
    assert.ok(
      String(outputs.stepFunctionsStartCommand).includes(
        String(outputs.stepFunctionsStateMachineArn),
      ),
      "the start command names the state machine",
    );
    for (const name of ["ecsExecOperatorRoleArn", "stepFunctionsOperatorRoleArn"]) {
      assert.match(String(outputs[name]), /^arn:aws:iam::123456789012:role\//, name);
    }
    const requirements = outputs.requirements as ServiceRequirements;
    assert.strictEqual(requirements.enableExecuteCommand, true);
    assert.strictEqual(requirements.initProcessEnabled, true);
    assert.strictEqual(requirements.taskRolePolicyAttached, true);
    assert.strictEqual(requirements.executeCommandConfiguration?.logging, "OVERRIDE");
    const [worker] = JSON.parse(String(outputs.patchedContainerDefinitions));
    assert.strictEqual(worker.linuxParameters.initProcessEnabled, true);
    assert.deepStrictEqual(worker.command, ["php", "artisan", "queue:work"], "kept as it was");
  });

  it("passes the pack: no mandatory finding, only the advisory on subnets it cannot see", async () => {
    const result = await runScript(checkMain, ["--program", EXAMPLE]);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.output, /Summary: 0 mandatory, 1 advisory, 0 suppressed\./);
    // The subnets are the team's, outside this stack: the pack cannot read their routes.
    assert.match(
      result.output,
      /\[advisory\] ecs-subnets-outside-stack\n.*step-functions-state-machine\n\s+state RunTask uses subnet\(s\) subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002 that the stack does not define/,
    );
    // Vouched for in the rule's config, they leave nothing to report.
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-")), "config.json");
    fs.writeFileSync(
      config,
      JSON.stringify({ "ecs-subnets-outside-stack": { privateSubnetIds: SUBNETS } }),
    );
    const vouched = await runScript(checkMain, ["--program", EXAMPLE, "--policy-config", config]);
    assert.strictEqual(vouched.status, 0, vouched.output);
    assert.match(vouched.output, /Policy pack: no findings/);
  });

  it("fails without a subnet, naming the missing key, with no stack trace", async () => {
    const dir = variant((file) => file.replace(/ {4}subnetIds:\n( {6}- .*\n)+/, ""));
    const result = await runScript(checkMain, ["--program", dir]);
    assert.strictEqual(result.status, 1, result.output);
    assert.match(
      result.output,
      /Stack orders-access\/staging: cannot be planned\.\nProgram orders-access failed: Invalid arguments to FargateAccess \(1 problem\):\n {2}- FargateAccessArgs\.service: subnetIds is missing \(FargateAccess with ecsExec and stepFunctions needs [^)]*subnetIds[^)]*\); pass it as names or ARNs/,
    );
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });
});
