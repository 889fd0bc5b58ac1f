import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import {
  exposureOf,
  LAMBDA_EXPOSURE_SPELLINGS,
  lambdaExposures,
} from "../../../policies/model/exposures";
import { Undecided } from "../../../policies/lib/unknowns";

const resource = (type: string, props: Record<string, unknown>, name = "r") =>
  ({ type, name, urn: `urn:${name}`, props }) as PolicyResource;

describe("policies/model/exposures", () => {
  it("knows the permission and URL spellings of both providers", () => {
    assert.deepStrictEqual(Object.keys(LAMBDA_EXPOSURE_SPELLINGS).sort(), [
      "aws-native:lambda:Permission",
      "aws-native:lambda:Url",
      "aws:lambda/functionUrl:FunctionUrl",
      "aws:lambda/permission:Permission",
    ]);
  });
  it("each narrowing field alone keeps a * principal from being public", () => {
    for (const field of ["sourceArn", "sourceAccount", "principalOrgId"]) {
      const narrowed = resource("aws:lambda/permission:Permission", {
        principal: "*",
        function: "f",
        [field]: "x",
      });
      assert.strictEqual(exposureOf(narrowed), undefined, field);
    }
  });
  it("names the function and the reason", () => {
    const found = lambdaExposures(
      [
        resource(
          "aws:lambda/functionUrl:FunctionUrl",
          { functionName: "f", authorizationType: "NONE" },
          "u",
        ),
        resource("aws:lambda/permission:Permission", {
          principal: "events.amazonaws.com",
          function: "f",
        }),
        resource("aws:ecs/cluster:Cluster", { principal: "*" }),
      ],
      new Undecided(),
    );
    assert.deepStrictEqual(
      found.map(({ target, how }) => [target, how]),
      [["f", "function URL u has auth type NONE"]],
    );
  });
});
