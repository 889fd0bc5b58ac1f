import * as assert from "assert";
import { Finding, PolicyPackProcess } from "../../offline/analyzerClient";
import { sharedPack } from "../helpers/sharedPack";
import { RecordedResource } from "../../offline/recordingMonitor";
import { TYPES } from "../../policies/lib/resourceTypes";
import { UNKNOWN } from "../../policies/lib/unknowns";
import { plan, stackConfig } from "../helpers/offlinePlan";

/** Sets properties as both the inputs (Analyze) and the state (AnalyzeStack) carry them. */
function patched(resource: RecordedResource, props: Record<string, unknown>): RecordedResource {
  return {
    ...resource,
    inputs: { ...resource.inputs, ...props },
    outputs: { ...resource.outputs, ...props },
  };
}

function injected(name: string, type: string, props: Record<string, unknown>): RecordedResource {
  return {
    urn: `urn:pulumi:test::fargate-access::${type}::${name}`,
    type,
    name,
    id: String(props.id ?? `${name}-id`),
    parent: "",
    custom: true,
    provider: "",
    inputs: props,
    dependencies: [],
    propertyDependencies: {},
    outputs: props,
    retainOnDelete: false,
  };
}

const of = (findings: Finding[], policyName: string) =>
  findings.filter((finding) => finding.policyName === policyName);

describe("stack rules over gRPC: engine state (outputs) and preview unknowns", function () {
  let pack: PolicyPackProcess;
  before(async () => {
    pack = await sharedPack();
  });

  it("links the cluster's exec key by the key's arn output (inputs alone have no arn)", async () => {
    const run = await plan(stackConfig());
    const key = run.resources.find((r) => r.type === TYPES.kmsKey);
    assert.ok(key, "the ecsExec strategy creates a KMS key");
    assert.strictEqual(key.inputs.arn, undefined, "the arn is an output, not an input");
    const resources = run.resources.map((r) =>
      r === key ? patched(r, { enableKeyRotation: false }) : r,
    );
    const found = of(await pack.analyze(resources), "ecs-exec-kms-key-rotation");
    assert.deepStrictEqual(
      found.map((f) => [f.enforcementLevel, f.urn]),
      [["mandatory", key.urn]],
    );
    assert.match(
      found[0].message,
      /KMS key ecs-exec-key \(ECS Exec sessions of workload-cluster\) does not rotate/,
    );
  });

  it("reports known violations and, as advisory, what one unknown value kept it from judging", async () => {
    const run = await plan(stackConfig());
    const resources = [
      ...run.resources.map((r) =>
        r.name === "workload-service"
          ? patched(r, { networkConfiguration: { subnets: UNKNOWN, assignPublicIp: false } })
          : r,
      ),
      injected("public-subnet", TYPES.subnet, { id: "subnet-public", mapPublicIpOnLaunch: true }),
      injected("nightly", TYPES.eventTarget, {
        rule: "nightly",
        arn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/c",
        ecsTarget: {
          taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/f:1",
          networkConfiguration: { subnets: ["subnet-public"], assignPublicIp: false },
        },
      }),
    ];
    const findings = await pack.analyze(resources);
    const found = of(findings, "ecs-private-subnets");
    const mandatory = found.filter((f) => f.enforcementLevel === "mandatory");
    // The unknown is reported once for the resource, by preview-undecided, naming the rules.
    assert.deepStrictEqual(
      found.filter((f) => f.enforcementLevel === "advisory"),
      [],
    );
    const advisory = of(findings, "preview-undecided");
    assert.deepStrictEqual(
      mandatory.map((f) => f.urn),
      ["urn:pulumi:test::fargate-access::aws:cloudwatch/eventTarget:EventTarget::nightly"],
    );
    assert.match(
      mandatory[0].message,
      /subnet-public \(subnet public-subnet maps public IPs on launch\)/,
    );
    const service = resources.find((r) => r.name === "workload-service");
    assert.deepStrictEqual(
      advisory.map((f) => f.urn),
      [service?.urn],
      JSON.stringify(advisory),
    );
    assert.match(
      advisory[0].message,
      /\nNot judged during this preview, until its values are known, by \d+ rule\(s\): .*ecs-private-subnets \(workload-service \(Service\)/,
    );
  });
});
