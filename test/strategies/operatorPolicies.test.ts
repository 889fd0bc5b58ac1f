import * as assert from "assert";
import { PolicyDocument, evaluateIdentityPolicies } from "../../policies/iam/requestEvaluation";
import { plan, resourceNamed, stackConfig } from "../helpers/offlinePlan";
import {
  Flow,
  OPERATOR_USERID,
  StackFacts,
  ecsExecFlows,
  sessionManagerFlows,
  stepFunctionsFlows,
} from "./operatorCallSets";

// Every call of every operator flow the README sends operators to (test/strategies/
// operatorCallSets.ts, each call with its source) must be allowed by the operator policy the
// program emits, judged as IAM judges it (policies/iam/requestEvaluation.ts). Before issue 21
// item 8 the Session Manager console (GetConnectionStatus, DescribeInstanceProperties,
// GetDocument, ListDocuments) and the Step Functions console (DescribeStateMachine,
// ListExecutions, DescribeStateMachineForExecution) calls were refused.

const OPERATOR = "arn:aws:iam::123456789012:role/oncall";
const KMS_KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/0a1b2c3d-4e5f-4a1b-8c2d-0123456789ab";

/** The operator session's own keys, present in every call it makes. */
const SESSION_CONTEXT = {
  "aws:userid": OPERATOR_USERID,
  "aws:SourceIdentity": "alice",
  "aws:PrincipalArn": "arn:aws:iam::123456789012:role/ecs-exec-operator",
};

function refusedCalls(policy: PolicyDocument, flows: Flow[]): string[] {
  return flows.flatMap((flow) =>
    flow.calls.flatMap((call) => {
      const { decision } = evaluateIdentityPolicies([policy], {
        action: call.action,
        resource: call.resource,
        context: { ...SESSION_CONTEXT, ...call.context },
      });
      return decision === "allowed"
        ? []
        : [`${flow.name}: ${call.action} on ${call.resource} (${call.source}): ${decision}`];
    }),
  );
}

const policyOf = (run: Awaited<ReturnType<typeof plan>>, name: string) =>
  JSON.parse(String(resourceNamed(run, name).inputs.policy)) as PolicyDocument;

const facts = (outputs: Record<string, unknown>, extra: Partial<StackFacts> = {}): StackFacts => ({
  region: "ap-northeast-1",
  account: "123456789012",
  clusterName: String(outputs.clusterName),
  containerName: "app",
  ...extra,
});

describe("operator policies allow every call of the flows operators are sent to", () => {
  it("ECS Exec: the ecsExecCommand and npm run shell", async () => {
    const run = await plan(
      stackConfig({
        "fargate-access:ecsExec": { operatorPrincipals: [OPERATOR], kmsKey: KMS_KEY },
      }),
      "dev",
    );
    const policy = policyOf(run, "ecs-exec-operator-policy");
    const flows = ecsExecFlows(facts(run.outputs, { kmsKeyArn: KMS_KEY }));
    assert.deepStrictEqual(refusedCalls(policy, flows), []);
    // And what it must not do: a raw SSM session to a task skips the container-name condition.
    const raw = evaluateIdentityPolicies([policy], {
      action: "ssm:StartSession",
      resource: "arn:aws:ecs:ap-northeast-1:123456789012:task/fargate-access-dev/0123",
      context: SESSION_CONTEXT,
    });
    assert.strictEqual(raw.decision, "explicitDeny");
    // Nor exec into another container of the task.
    const [flow] = flows;
    const other = flow.calls.find((call) => call.action === "ecs:ExecuteCommand");
    assert.ok(other);
    const sidecar = evaluateIdentityPolicies([policy], {
      action: other.action,
      resource: other.resource,
      context: { ...SESSION_CONTEXT, ...other.context, "ecs:container-name": "sidecar" },
    });
    assert.strictEqual(sidecar.decision, "implicitDeny");
  });

  it("Session Manager: the console, aws ssm start-session / send-command, npm run shell", async () => {
    const run = await plan(
      stackConfig({
        "fargate-access:strategies": ["sessionManager"],
        "fargate-access:service": { build: { context: "container" }, command: ["crond", "-f"] },
        "fargate-access:sessionManager": { operatorPrincipals: [OPERATOR] },
      }),
      "dev",
    );
    const policy = policyOf(run, "session-manager-operator-policy");
    const flows = sessionManagerFlows(
      facts(run.outputs, {
        stackTag: "fargate-access/dev",
        sessionDocument: "fargate-access-dev-shell",
      }),
    );
    assert.deepStrictEqual(refusedCalls(policy, flows), []);
    // Another stack's instances stay out of reach, in the console too.
    const otherStack = flows
      .flatMap((flow) => flow.calls)
      .filter((call) => call.context?.["aws:ResourceTag/fargate-access:stack"] !== undefined)
      .map((call) => ({
        ...call,
        context: { ...call.context, "aws:ResourceTag/fargate-access:stack": "fargate-access/prod" },
      }));
    assert.ok(otherStack.length >= 3);
    assert.deepStrictEqual(
      refusedCalls(policy, [{ name: "other stack", calls: otherStack }]).length,
      otherStack.length,
    );
  });

  it("Step Functions: the console, aws stepfunctions start-execution, npm run task", async () => {
    const run = await plan(
      stackConfig({
        "fargate-access:strategies": ["stepFunctions"],
        "fargate-access:stepFunctions": { operatorPrincipals: [OPERATOR] },
      }),
      "dev",
    );
    const policy = policyOf(run, "step-functions-operator-policy");
    const flows = stepFunctionsFlows(
      facts(run.outputs, {
        stateMachineArn: String(run.outputs.stepFunctionsStateMachineArn),
        containerLogGroup: String(run.outputs.containerLogGroupName),
      }),
    );
    assert.deepStrictEqual(refusedCalls(policy, flows), []);
    // Another state machine's runs are refused.
    const foreign = flows[0].calls.map((call) => ({
      ...call,
      resource: call.resource.replace("fargate-access-dev", "someone-else"),
    }));
    assert.strictEqual(
      refusedCalls(policy, [{ name: "foreign", calls: foreign }]).length,
      foreign.length,
    );
  });
});
