import * as assert from "assert";
import { Finding, PolicyPackProcess } from "../../offline/analyzerClient";
import { sharedPack } from "../helpers/sharedPack";
import { OfflineRun } from "../../offline/runOffline";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";
import { selectableStrategySubsets } from "../components/urnStability.test";
import { plan, stackConfig } from "../helpers/offlinePlan";
import { UNKNOWN } from "../../policies/lib/unknowns";

const mandatory = (findings: Finding[]) =>
  findings.filter((finding) => finding.enforcementLevel === "mandatory");

describe("policy pack over its Analyzer gRPC server", function () {
  let pack: PolicyPackProcess;
  before(async () => {
    pack = await sharedPack();
  });

  it("serves every rule with its default enforcement level", async () => {
    const policies = await pack.policies();
    assert.ok(policies.length >= 14, `${policies.length} policies`);
    const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
    assert.strictEqual(levels["iam-least-privilege"], "mandatory");
    assert.strictEqual(levels["ecs-init-process-enabled"], "mandatory");
    assert.strictEqual(levels["ecs-no-public-ip"], "mandatory");
    assert.strictEqual(levels["ecs-private-subnets"], "mandatory");
  });

  for (const stack of listStacks()) {
    it(`finds nothing mandatory in the example stack ${stack}`, async () => {
      const run = await plan(JSON.parse(JSON.stringify(readStackConfigFileAsObject(stack))), stack);
      assert.deepStrictEqual(mandatory(await pack.analyze(run.resources)), []);
    });
  }

  for (const stack of listStacks()) {
    it(`finds nothing mandatory in the first preview of ${stack}, and says once per resource what waits`, async () => {
      const run = await plan(JSON.parse(JSON.stringify(readStackConfigFileAsObject(stack))), stack);
      const findings = await pack.analyze(firstPreview(run.resources));
      assert.deepStrictEqual(mandatory(findings), []);
      const waiting = findings.filter((f) => f.policyName === "preview-undecided");
      const urns = waiting.map((f) => f.urn);
      assert.deepStrictEqual(urns, [...new Set(urns)], "one finding per resource");
      assert.ok(
        findings.every((f) => ["preview-undecided", "policy-suppressions"].includes(f.policyName)),
        JSON.stringify(findings.filter((f) => f.policyName !== "preview-undecided")),
      );
    });
  }

  it("first preview: a broad managed policy on the task role is caught through the engine's dependencies", async () => {
    const run = await plan(stackConfig());
    const role = run.resources.find((r) => r.name === "workload-task-role");
    assert.ok(role);
    const attachment = {
      ...role,
      urn: "urn:pulumi:test::fargate-access::aws:iam/rolePolicyAttachment:RolePolicyAttachment::core",
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "core",
      inputs: {
        role: role.name,
        policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      },
      outputs: {},
      dependencies: [role.urn],
      propertyDependencies: { role: [role.urn] },
    };
    const found = mandatory(await pack.analyze(firstPreview([...run.resources, attachment])));
    // The attachment itself is judged by iam-no-broad-managed-policies whatever role it names;
    // that the role it reaches is a task role is known only through the dependencies.
    assert.deepStrictEqual(
      found.filter((f) => f.policyName === "iam-task-role-managed-policies").map((f) => f.urn),
      [role.urn],
    );
  });

  for (const strategies of selectableStrategySubsets()) {
    for (const ecsExec of [
      {},
      { logging: "none", kmsKey: "none", operatorPrincipals: ["arn:aws:iam::123456789012:role/o"] },
    ]) {
      it(`finds nothing mandatory for ${strategies.join(" + ")} with ecsExec ${JSON.stringify(ecsExec)}`, async () => {
        const run = await plan(
          stackConfig({
            "fargate-access:strategies": strategies,
            "fargate-access:ecsExec": ecsExec,
            "fargate-access:stepFunctions": {
              operatorPrincipals: ["arn:aws:iam::123456789012:role/o"],
            },
            "fargate-access:sessionManager": {
              operatorPrincipals: ["arn:aws:iam::123456789012:role/o"],
            },
          }),
        );
        assert.deepStrictEqual(mandatory(await pack.analyze(run.resources)), []);
      });
    }
  }

  it("catches a service flipped to a public IP and a container without init process", async () => {
    const run = await plan(stackConfig());
    const broken: OfflineRun["resources"] = run.resources.map((resource) => {
      if (resource.name === "workload-service") {
        const network = resource.inputs.networkConfiguration as Record<string, unknown>;
        return {
          ...resource,
          inputs: {
            ...resource.inputs,
            networkConfiguration: { ...network, assignPublicIp: true },
          },
        };
      }
      if (resource.name === "workload-task") {
        const containers = JSON.parse(String(resource.inputs.containerDefinitions));
        containers[0].linuxParameters = {};
        return {
          ...resource,
          inputs: { ...resource.inputs, containerDefinitions: JSON.stringify(containers) },
        };
      }
      return resource;
    });
    const found = mandatory(await pack.analyze(broken));
    assert.deepStrictEqual(found.map((f) => f.policyName).sort(), [
      "ecs-init-process-enabled",
      "ecs-no-public-ip",
    ]);
    assert.ok(
      found.every((f) => f.urn.includes("workload")),
      JSON.stringify(found),
    );
  });

  it("catches a role with AdministratorAccess injected into the stack", async () => {
    const run = await plan(stackConfig());
    const injected = {
      ...run.resources[0],
      urn: "urn:pulumi:test::fargate-access::aws:iam/rolePolicyAttachment:RolePolicyAttachment::admin",
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "admin",
      inputs: {
        role: "workload-task-role",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      },
    };
    const found = mandatory(await pack.analyze([...run.resources, injected]));
    assert.deepStrictEqual(
      found.map((f) => f.policyName),
      ["iam-no-broad-managed-policies"],
    );
  });

  it("links service, task definition and task role: ECS Exec without channels is caught", async () => {
    const run = await plan(stackConfig());
    const withoutExecPolicy = run.resources.filter((r) => r.name !== "ecs-exec-task-policy");
    const found = mandatory(await pack.analyze(withoutExecPolicy));
    assert.deepStrictEqual(
      found.map((f) => f.policyName),
      ["ecs-exec-channel-permissions"],
    );
    assert.match(found[0].urn, /workload-service$/);
  });

  it("warns when a hybrid activation role has no advanced tier", async () => {
    const run = await plan(stackConfig({ "fargate-access:strategies": ["sessionManager"] }));
    const withoutTier = run.resources.filter((r) => r.name !== "session-manager-advanced-tier");
    const found = (await pack.analyze(withoutTier)).filter(
      (f) => f.enforcementLevel === "advisory",
    );
    assert.ok(
      found.some((f) => f.policyName === "ssm-advanced-tier-for-hybrid-activation"),
      JSON.stringify(found),
    );
  });
});

/**
 * The stack as a first `pulumi preview` shows it: nothing exists yet, so no resource has an id or
 * outputs, and every input computed from another resource (the engine's property dependencies)
 * is unknown as a whole (an Output holding an unknown part is unknown).
 */
function firstPreview(resources: OfflineRun["resources"]): OfflineRun["resources"] {
  return resources.map((resource) => ({
    ...resource,
    id: UNKNOWN,
    outputs: {},
    inputs: Object.fromEntries(
      Object.entries(resource.inputs).map(([key, value]) => [
        key,
        (resource.propertyDependencies[key] ?? []).length > 0 ? UNKNOWN : value,
      ]),
    ),
  }));
}

/** The stack file in the object form `plan` takes. */
function readStackConfigFileAsObject(stack: string): Record<string, unknown> {
  const flat = readStackConfigFile(stack);
  return Object.fromEntries(
    Object.entries(flat).map(([key, value]) => {
      try {
        return [key, JSON.parse(value)];
      } catch {
        return [key, value];
      }
    }),
  );
}
