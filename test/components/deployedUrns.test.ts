import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { buildStack } from "../../program";
import { engineIdentities } from "../../offline/engineUrns";
import { RecordedResource } from "../../offline/recordingMonitor";
import { runOffline } from "../../offline/runOffline";
import { readStackConfigFile } from "../../offline/stackFiles";

/**
 * Stacks deployed with version 0.1 (the strategies top-level components of type
 * `fargate-access:strategies:*`, before the library): their engine URNs, recorded from the
 * program at commit 611682b. `pulumi up` with today's program must find each of them again, as
 * a resource's URN or one of its aliases, so nothing is replaced.
 */
const DEPLOYED = JSON.parse(
  fs.readFileSync(path.join(PROJECT_ROOT, "test", "golden", "deployed-0.1.urns.json"), "utf8"),
) as Record<string, string[]>;

function resource(
  urn: string,
  type: string,
  name: string,
  parent = "",
  aliases: RecordedResource["aliases"] = [],
): RecordedResource {
  return {
    urn,
    type,
    name,
    parent,
    aliases,
    id: "",
    custom: false,
    provider: "",
    inputs: {},
    dependencies: [],
    propertyDependencies: {},
    outputs: {},
    retainOnDelete: false,
  };
}

describe("engine URNs and aliases (offline/engineUrns.ts)", () => {
  const stackUrn = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
  it("qualifies a type with every ancestor's type, the root stack excepted", () => {
    const top = resource("urn:pulumi:s::p::a:b:Top::top", "a:b:Top", "top", stackUrn);
    const mid = resource("urn:pulumi:s::p::a:b:Top$a:b:Mid::mid", "a:b:Mid", "mid", top.urn);
    // The mock monitor keeps only the parent's own type in this URN.
    const leaf = resource("urn:pulumi:s::p::a:b:Mid$c:d:Leaf::leaf", "c:d:Leaf", "leaf", mid.urn);
    const ids = engineIdentities([top, mid, leaf], "s", "p");
    assert.strictEqual(ids.get(leaf)?.urn, "urn:pulumi:s::p::a:b:Top$a:b:Mid$c:d:Leaf::leaf");
    assert.strictEqual(ids.get(top)?.urn, "urn:pulumi:s::p::a:b:Top::top");
  });

  it("gives children the aliases of their ancestors, and noParent moves to the stack's root", () => {
    const umbrella = resource("urn:pulumi:s::p::u:index:U::u", "u:index:U", "u");
    const strategy = resource(
      "urn:pulumi:s::p::u:index:U$u:index:S::s",
      "u:index:S",
      "s",
      umbrella.urn,
      [{ type: "u:old:S", noParent: true }],
    );
    const child = resource(
      "urn:pulumi:s::p::u:index:S$aws:x:R::s-r",
      "aws:x:R",
      "s-r",
      strategy.urn,
    );
    const ids = engineIdentities([umbrella, strategy, child], "s", "p");
    assert.deepStrictEqual(ids.get(strategy)?.aliases, ["urn:pulumi:s::p::u:old:S::s"]);
    assert.deepStrictEqual(ids.get(child)?.aliases, ["urn:pulumi:s::p::u:old:S$aws:x:R::s-r"]);
    assert.deepStrictEqual(ids.get(umbrella)?.aliases, []);
  });
});

describe("stacks deployed with version 0.1 keep every resource", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: each deployed URN is a URN or an alias of today's plan`, async () => {
      const config = readStackConfigFile(stack, PROJECT_ROOT);
      const run = await runOffline(buildStack, { stack, config });
      const claimed = new Set<string>();
      for (const identity of engineIdentities(run.resources, stack, "fargate-access").values()) {
        claimed.add(identity.urn);
        identity.aliases.forEach((alias) => claimed.add(alias));
      }
      const lost = DEPLOYED[stack].filter((urn) => !claimed.has(urn));
      assert.deepStrictEqual(lost, [], "these would be deleted and created again");
      assert.ok(DEPLOYED[stack].length > 30, "the deployed list is read");
    });
  }
});
