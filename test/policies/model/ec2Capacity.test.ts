import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { UNKNOWN } from "../../../policies/lib/unknowns";
import {
  AUTO_SCALING_GROUP,
  CAPACITY_PROVIDER,
  capacityGroups,
  joinsEcsCluster,
} from "../../../policies/model/ec2Capacity";

const resource = (type: string, props: Record<string, unknown>, name = "r") =>
  ({ type, name, urn: `urn:${name}`, props, propertyDependencies: {} }) as PolicyResource;

describe("policies/model/ec2Capacity", () => {
  it("user data joins a cluster when it sets ECS_CLUSTER, as text or base64", () => {
    const script = "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config";
    assert.strictEqual(joinsEcsCluster(script), true);
    assert.strictEqual(joinsEcsCluster(Buffer.from(script).toString("base64")), true);
    assert.strictEqual(joinsEcsCluster("#!/bin/bash\necho MY_ECS_CLUSTER_NAME"), false);
    assert.strictEqual(joinsEcsCluster(undefined), false);
  });

  it("a capacity provider names its group by ARN, or by dependency in a first preview", () => {
    const byArn = resource(
      AUTO_SCALING_GROUP,
      { name: "a", arn: "arn:aws:autoscaling:r:1:autoScalingGroup:u:autoScalingGroupName/a" },
      "a",
    );
    const byDependency = resource(AUTO_SCALING_GROUP, { vpcZoneIdentifiers: ["s-2"] }, "b");
    const unrelated = resource(AUTO_SCALING_GROUP, { name: "c" }, "c");
    const providers = [
      resource(CAPACITY_PROVIDER, {
        autoScalingGroupProvider: { autoScalingGroupArn: byArn.props.arn },
      }),
      {
        ...resource(CAPACITY_PROVIDER, { autoScalingGroupProvider: UNKNOWN }, "p2"),
        propertyDependencies: { autoScalingGroupProvider: [byDependency] },
      } as unknown as PolicyResource,
    ];
    const found = capacityGroups([byArn, byDependency, unrelated, ...providers]);
    assert.deepStrictEqual(
      found.map((group) => [group.origin.name, group.networks[0].subnets]),
      [
        ["a", []],
        ["b", ["s-2"]],
      ],
    );
  });
});
