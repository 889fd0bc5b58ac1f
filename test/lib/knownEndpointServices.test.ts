import * as assert from "assert";
import { validateConfig } from "../../config/validate";
import { KNOWN_ENDPOINT_SERVICES } from "../../lib/knownEndpointServices";
import { endpointServiceNames, strategyEndpointServices } from "../../lib/endpointServices";
import { STRATEGY_NAMES } from "../../strategies/strategyName";

describe("KNOWN_ENDPOINT_SERVICES: the names existingEndpointServices accepts", () => {
  it("holds every endpoint any strategy, under any kmsKey setting, makes the stack create", () => {
    const created = new Set<string>(["s3"]); // the gateway endpoint, for ECR's image layers
    for (const strategy of STRATEGY_NAMES) {
      for (const kmsKey of ["create", "none"]) {
        const { config } = validateConfig({
          strategies: [strategy],
          service: { image: "app:1", command: ["sh"] },
          ecsExec: { kmsKey },
        });
        endpointServiceNames(strategyEndpointServices(strategy, config)).forEach((name) =>
          created.add(name),
        );
      }
    }
    assert.deepStrictEqual([...KNOWN_ENDPOINT_SERVICES], [...created].sort());
  });
});
