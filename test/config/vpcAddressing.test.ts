import * as assert from "assert";
import {
  subnetCapacityFindings,
  taskSubnetPrefix,
  vpcCidrFindings,
} from "../../config/vpcAddressing";

describe("VPC addressing", () => {
  // pulumi-awsx awsx/ec2/subnetDistributorNew.ts getSubnetSpecs: AZ bits = ceil(log2(AZs)),
  // subnet bits = ceil(log2(specs)) when the specs give no cidrMask.
  const layouts: [number, number, boolean, number][] = [
    [16, 2, false, 17],
    [16, 2, true, 18],
    [16, 3, true, 19],
    [20, 4, false, 22],
    [24, 6, true, 28],
    [24, 1, false, 24],
  ];
  for (const [vpc, zones, nat, expected] of layouts) {
    it(`a /${vpc} over ${zones} AZs ${nat ? "with" : "without"} NAT → /${expected} task subnets`, () => {
      assert.strictEqual(taskSubnetPrefix(vpc, zones, nat), expected);
    });
  }

  it("refuses ranges no host can use, whichever part of them the block covers", () => {
    assert.match(vpcCidrFindings("127.5.0.0/16").problems[0], /loopback/);
    assert.match(vpcCidrFindings("169.254.128.0/20").problems[0], /link-local/);
    assert.match(vpcCidrFindings("239.0.0.0/16").problems[0], /multicast/);
    assert.match(vpcCidrFindings("250.0.0.0/16").problems[0], /reserved/);
    assert.deepStrictEqual(vpcCidrFindings("10.0.0.0/16"), { problems: [], warnings: [] });
  });

  it("counts what one subnet must hold: endpoints, a deployment's double, a one-off task", () => {
    const demand = {
      cidrBlock: "10.0.0.0/24",
      availabilityZones: 6,
      withNat: true,
      interfaceEndpoints: 6,
      desiredCount: 2,
    };
    // 6 + 4 + 1 = 11 of 11 usable: fits, but warns.
    assert.deepStrictEqual(subnetCapacityFindings(demand).problems, []);
    assert.strictEqual(subnetCapacityFindings(demand).warnings.length, 1);
    assert.strictEqual(
      subnetCapacityFindings({ ...demand, interfaceEndpoints: 7 }).problems.length,
      1,
      "12 addresses do not fit in 11",
    );
    assert.deepStrictEqual(subnetCapacityFindings({ ...demand, cidrBlock: "10.0.0.0/20" }), {
      problems: [],
      warnings: [],
    });
  });
});
