import * as assert from "assert";
import { Finding, PolicyPackProcess } from "../../offline/analyzerClient";
import {
  POLICY_PACK_DIR,
  SUPPRESSIONS_POLICY_NAME as OFFLINE_SUPPRESSIONS_NAME,
  renderFindings,
} from "../../offline/policyCheck";
import { OfflineRun } from "../../offline/runOffline";
import { TYPES } from "../../policies/lib/resourceTypes";
import {
  SUPPRESSIONS_POLICY_NAME,
  SUPPRESSIONS_SCHEMA,
  withSuppressions,
} from "../../policies/lib/suppressions";
import { ecsNoPublicIp } from "../../policies/rules/ecsNoPublicIp";
import { ecsPrivateSubnets } from "../../policies/rules/ecsPrivateSubnets";
import { policySuppressions } from "../../policies/rules/policySuppressions";
import { plan, stackConfig } from "../helpers/offlinePlan";
import { declareCase } from "./coverage";
import { FixtureResource, judge } from "./judge";

const REASON = "Load-test harness needs a public IP until 2027-01 (TICKET-42)";
const publicService = (tags?: Record<string, string>): FixtureResource => ({
  type: TYPES.service,
  name: "svc",
  props: { networkConfiguration: { subnets: ["subnet-a"], assignPublicIp: true }, tags },
});
const FINDING =
  "networkConfiguration.assignPublicIp asks for a public IP; turn it off (false / DISABLED) and run in private subnets.";
const wrapped = withSuppressions(ecsNoPublicIp);

/** Runs the wrapped rule, then the summary, as the pack's server runs them in one deployment. */
async function withSummary(resources: FixtureResource[], config: Record<string, unknown> = {}) {
  const rule = await judge(wrapped, resources, config);
  const summary = await judge(policySuppressions, resources);
  return { reported: rule.violations, summary: summary.violations };
}

describe("per-resource suppressions (cdk-nag NagSuppressions style)", () => {
  declareCase(policySuppressions.name, "pass");
  declareCase(policySuppressions.name, "fail");

  it("adds a validated suppressions list to every rule's configSchema", () => {
    assert.deepStrictEqual(wrapped.configSchema?.properties?.suppressions, SUPPRESSIONS_SCHEMA);
    const items = SUPPRESSIONS_SCHEMA.items as {
      required: string[];
      properties: { reason: { minLength: number } };
    };
    assert.deepStrictEqual(items.required, ["resource", "reason"]);
    assert.strictEqual(items.properties.reason.minLength, 10);
  });

  it("pass: without suppressions the rule reports and the summary lists nothing", async () => {
    assert.deepStrictEqual(await withSummary([publicService()]), {
      reported: [FINDING],
      summary: [],
    });
  });

  it("fail: a policy-config suppression by logical name moves the finding to the summary", async () => {
    const result = await withSummary([publicService()], {
      suppressions: [{ resource: "svc", reason: REASON }],
    });
    assert.deepStrictEqual(result, {
      reported: [],
      summary: [`ecs-no-public-ip suppressed (policy config): "${REASON}". Finding: ${FINDING}`],
    });
  });

  it("suppresses by URN, and only the resource named", async () => {
    const byUrn = await withSummary([publicService()], {
      suppressions: [
        {
          resource: "urn:pulumi:test::fargate-access::aws:ecs/service:Service::svc",
          reason: REASON,
        },
      ],
    });
    assert.deepStrictEqual(byUrn.reported, []);
    const other = await withSummary([publicService()], {
      suppressions: [{ resource: "another-service", reason: REASON }],
    });
    assert.deepStrictEqual(other, { reported: [FINDING], summary: [] });
  });

  it("suppresses with a resource tag policy-suppress:<rule> where the policy config allows tags", async () => {
    const tagReason = "Public demo endpoint approved by security 2026-11-01";
    const result = await withSummary(
      [publicService({ "policy-suppress:ecs-no-public-ip": tagReason })],
      { allowTagSuppressions: true },
    );
    assert.deepStrictEqual(result, {
      reported: [],
      summary: [`ecs-no-public-ip suppressed (tag): "${tagReason}". Finding: ${FINDING}`],
    });
  });

  it("refuses a tag suppression by default: whoever can tag a resource must not decide its exception", async () => {
    const tagReason = "Public demo endpoint approved by security 2026-11-01";
    const result = await withSummary([
      publicService({ "policy-suppress:ecs-no-public-ip": tagReason }),
    ]);
    assert.deepStrictEqual(result, {
      reported: [FINDING],
      summary: [
        `ecs-no-public-ip: the suppression (tag) was refused: this rule's policy config does not set allowTagSuppressions, so only the policy config may suppress it. Still reported: ${FINDING}`,
      ],
    });
    assert.deepStrictEqual(wrapped.configSchema?.properties?.allowTagSuppressions, {
      type: "boolean",
      default: false,
      description:
        "Honour policy-suppress:<rule> tags on resources (off: only the policy config suppresses).",
    });
  });

  it("refuses a suppression without a real reason: the finding stands and the summary says why", async () => {
    const result = await withSummary([publicService()], {
      suppressions: [{ resource: "svc", reason: "ok" }],
    });
    assert.deepStrictEqual(result, {
      reported: [FINDING],
      summary: [
        `ecs-no-public-ip: the suppression (policy config) was refused: its reason must say why in at least 10 characters. Still reported: ${FINDING}`,
      ],
    });
  });

  it("suppresses a stack rule's finding on the resource it names", async () => {
    const stack: FixtureResource[] = [
      { type: TYPES.subnet, name: "pub", props: { id: "subnet-a", mapPublicIpOnLaunch: true } },
      {
        type: TYPES.service,
        name: "svc",
        props: { networkConfiguration: { subnets: ["subnet-a"] } },
      },
    ];
    const rule = withSuppressions(ecsPrivateSubnets);
    assert.strictEqual((await judge(rule, stack)).violations.length, 1);
    const suppressed = await judge(rule, stack, {
      suppressions: [{ resource: "svc", reason: REASON }],
    });
    assert.deepStrictEqual(suppressed.violations, []);
    const summary = await judge(policySuppressions, stack);
    assert.match(
      summary.violations[0],
      /^ecs-private-subnets suppressed \(policy config\): "Load-test/,
    );
  });
});

describe("suppressions through the pack's gRPC server and the check output", function () {
  let pack: PolicyPackProcess;
  before(async () => {
    pack = await PolicyPackProcess.start(POLICY_PACK_DIR);
  });
  after(() => pack.stop());

  const withPublicIp = (run: OfflineRun): OfflineRun["resources"] =>
    run.resources.map((resource) =>
      resource.name === "workload-service"
        ? {
            ...resource,
            inputs: {
              ...resource.inputs,
              networkConfiguration: {
                ...(resource.inputs.networkConfiguration as object),
                assignPublicIp: true,
              },
            },
          }
        : resource,
    );

  it("configured via Configure: no mandatory finding, one advisory summary with the reason", async () => {
    const run = await plan(stackConfig());
    await pack.configure({
      "ecs-no-public-ip": { suppressions: [{ resource: "workload-service", reason: REASON }] },
    });
    const findings: Finding[] = await pack.analyze(withPublicIp(run));
    assert.deepStrictEqual(
      findings.map((f) => [f.policyName, f.enforcementLevel]),
      [["policy-suppressions", "advisory"]],
    );
    assert.match(findings[0].urn, /workload-service$/);
    const output = renderFindings(findings);
    assert.match(output, /Suppressions \(1\), each with its reason:/);
    assert.match(output, /ecs-no-public-ip suppressed \(policy config\): "Load-test harness/);
    assert.match(output, /Summary: 0 mandatory, 0 advisory, 1 suppressed\./);
    await pack.configure({});
  });
});

describe("offline check and pack agree on the suppressions rule's name", () => {
  it("the offline renderer's copy equals the pack's constant and the served rule", () => {
    assert.strictEqual(OFFLINE_SUPPRESSIONS_NAME, SUPPRESSIONS_POLICY_NAME);
    assert.strictEqual(policySuppressions.name, SUPPRESSIONS_POLICY_NAME);
  });
});
