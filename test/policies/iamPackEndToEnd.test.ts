import * as assert from "assert";
import { Finding, PolicyPackProcess } from "../../offline/analyzerClient";
import { sharedPack } from "../helpers/sharedPack";
import { OfflineRun } from "../../offline/runOffline";
import { plan, recordedResource, stackConfig } from "../helpers/offlinePlan";

type Resource = OfflineRun["resources"][number];
const mandatory = (findings: Finding[]) =>
  findings.filter((finding) => finding.enforcementLevel === "mandatory");

/** A resource added to a planned stack, as a user would write it beside the program's. */
function injected(type: string, name: string, inputs: Record<string, unknown>): Resource {
  return recordedResource(type, name, inputs, {
    urn: `urn:pulumi:test::fargate-access::${type}::${name}`,
    outputs: inputs,
  });
}

describe("IAM rules over the pack's Analyzer gRPC server", function () {
  let pack: PolicyPackProcess;
  let run: OfflineRun;
  let taskRoleName: string;
  before(async () => {
    pack = await sharedPack();
    run = await plan(stackConfig());
    const taskRole = run.resources.find((resource) => resource.name === "workload-task-role");
    // The stack rules see the role's outputs (its physical name), as the engine sends them.
    taskRoleName = String(taskRole?.outputs.name);
  });

  it("catches AmazonSSMManagedInstanceCore attached to the task role by its physical name", async () => {
    const attachment = injected("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "core", {
      role: taskRoleName,
      policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    });
    const found = mandatory(await pack.analyze([...run.resources, attachment]));
    // The attachment itself (judged on every principal) and the task role it reaches.
    assert.deepStrictEqual(found.map((finding) => finding.policyName).sort(), [
      "iam-no-broad-managed-policies",
      "iam-task-role-managed-policies",
    ]);
    found.forEach((finding) => assert.match(finding.message, /ssm:GetParameter/));
  });

  it("catches a split policy: wildcard PassRole in a Policy attached with a PolicyAttachment", async () => {
    const policyArn = "arn:aws:iam::123456789012:policy/extra";
    const extra = injected("aws:iam/policy:Policy", "extra", {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:Pass*", Resource: "*" }],
      }),
      arn: policyArn,
    });
    const attachment = injected("aws:iam/policyAttachment:PolicyAttachment", "extra-attach", {
      roles: [taskRoleName],
      policyArn,
    });
    const found = mandatory(await pack.analyze([...run.resources, extra, attachment]));
    assert.deepStrictEqual(found.map((finding) => finding.policyName).sort(), [
      "iam-passrole-scoped",
      "iam-passrole-scoped",
    ]);
  });

  it("finds nothing in a task role bounded by AdministratorAccess (a boundary grants nothing)", async () => {
    const bounded = run.resources.map((resource) =>
      resource.name === "workload-task-role"
        ? {
            ...resource,
            inputs: {
              ...resource.inputs,
              permissionsBoundary: "arn:aws:iam::aws:policy/AdministratorAccess",
            },
          }
        : resource,
    );
    assert.deepStrictEqual(mandatory(await pack.analyze(bounded)), []);
  });
});
