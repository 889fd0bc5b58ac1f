import * as assert from "assert";
import * as path from "path";
import { Finding, PolicyPackProcess } from "../../offline/analyzerClient";
import { RecordedResource } from "../../offline/recordingMonitor";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { RULES } from "../../policies/library";
import { plan, stackConfig } from "../helpers/offlinePlan";
import { sharedPack } from "../helpers/sharedPack";

/**
 * An organisation's own pack (test/fixtures/orgPack: its rule plus a selection of ours, set
 * awsguard-style) over the Analyzer gRPC protocol, started as the CLI starts a pack, against the
 * program's recorded stack with a public IP on the service and no init process in the task.
 */
const ORG_PACK_DIR = path.join(PROJECT_ROOT, "test", "fixtures", "orgPack");
/** Its folder (package.json, PulumiPolicy.yaml) as the working folder; its compiled entry. */
const START = (): Promise<PolicyPackProcess> =>
  PolicyPackProcess.start(
    ORG_PACK_DIR,
    undefined,
    path.join(__dirname, "..", "fixtures", "orgPack", "index.js"),
  );

/** The recorded stack, broken twice: a public IP for the service, no init process anywhere. */
async function brokenStack(): Promise<RecordedResource[]> {
  const run = await plan(stackConfig());
  return run.resources.map((resource) => {
    if (resource.type === "aws:ecs/service:Service") {
      const withPublicIp = (props: Record<string, unknown>) => ({
        ...props,
        networkConfiguration: {
          ...(props.networkConfiguration as Record<string, unknown>),
          assignPublicIp: true,
        },
      });
      return {
        ...resource,
        inputs: withPublicIp(resource.inputs),
        outputs: withPublicIp(resource.outputs),
      };
    }
    if (resource.type === "aws:ecs/taskDefinition:TaskDefinition") {
      const withoutInit = (props: Record<string, unknown>) => ({
        ...props,
        containerDefinitions: JSON.stringify(
          (JSON.parse(String(props.containerDefinitions)) as Record<string, unknown>[]).map(
            (container) => ({ ...container, linuxParameters: {} }),
          ),
        ),
      });
      return {
        ...resource,
        inputs: withoutInit(resource.inputs),
        outputs: withoutInit(resource.outputs),
      };
    }
    return resource;
  });
}

const byRule = (findings: Finding[], rule: string) => findings.filter((f) => f.policyName === rule);

describe("an organisation's pack built from the library, over gRPC", function () {
  this.timeout(120_000);
  let org: PolicyPackProcess;
  let resources: RecordedResource[];
  before(async () => {
    [org, resources] = await Promise.all([START(), brokenStack()]);
  });
  after(() => org?.stop());

  it("serves its own rule, the selected rules and the two report rules, nothing else", async () => {
    const served = (await org.policies()).map((policy) => policy.name);
    const expected = RULES.filter(
      (rule) =>
        (rule.area === "private-networking" && rule.enforcementLevel === "mandatory") ||
        rule.name === "log-group-retention",
    ).map((rule) => rule.name);
    assert.deepStrictEqual(served, [
      "org-cluster-cost-centre",
      ...expected,
      "policy-suppressions",
      "preview-undecided",
    ]);
    assert.ok(served.includes("ecs-no-public-ip") && served.includes("ecs-private-subnets"));
    assert.ok(!served.includes("ecs-subnets-outside-stack"), "an advisory networking rule");
    assert.ok(!served.includes("ecs-init-process-enabled"), "another area");
  });

  it("the project's full pack finds both breaks (so the selection is what hides one)", async () => {
    const findings = await (await sharedPack()).analyze(resources);
    assert.strictEqual(byRule(findings, "ecs-no-public-ip")[0]?.enforcementLevel, "mandatory");
    assert.ok(byRule(findings, "ecs-init-process-enabled").length > 0);
  });

  it("fires the selected rules at their set levels and config, and the org's own rule", async () => {
    const findings = await org.analyze(resources);
    const publicIp = byRule(findings, "ecs-no-public-ip");
    assert.ok(publicIp.length > 0, JSON.stringify(findings));
    assert.ok(
      publicIp.every((f) => f.enforcementLevel === "advisory"),
      "set to advisory in code",
    );
    const retention = byRule(findings, "log-group-retention");
    assert.ok(retention.length > 0);
    assert.ok(
      retention.every((f) => /under the required 400/.test(f.message)),
      retention.map((f) => f.message).join("\n"),
    );
    assert.deepStrictEqual(byRule(findings, "ecs-init-process-enabled"), []);
    const own = byRule(findings, "org-cluster-cost-centre");
    assert.strictEqual(own.length, 1);
    assert.match(own[0].message, /cost-centre/);
  });

  it("a policy config at run time overrides the code's settings, and suppressions still work", async () => {
    const service = resources.find((r) => r.type === "aws:ecs/service:Service");
    assert.ok(service);
    const configured = await START();
    try {
      await configured.configure(
        {
          "log-group-retention": { minimumDays: 1 },
          "ecs-no-public-ip": {
            suppressions: [
              { resource: service.name, reason: "migration ticket NET-42 until March" },
            ],
          },
        },
        true,
      );
      const findings = await configured.analyze(resources);
      assert.deepStrictEqual(byRule(findings, "log-group-retention"), []);
      assert.deepStrictEqual(byRule(findings, "ecs-no-public-ip"), []);
      const suppressed = byRule(findings, "policy-suppressions");
      assert.ok(
        suppressed.some((f) => f.urn === service.urn && /NET-42/.test(f.message)),
        JSON.stringify(suppressed),
      );
    } finally {
      configured.stop();
    }
  });
});
