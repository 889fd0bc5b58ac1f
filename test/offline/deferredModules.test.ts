import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

/**
 * In a fresh process (this one loaded Pulumi long ago): plans the dev stack as `npm run plan`
 * does, lists which deferred modules got loaded, then uses each and lists them again.
 */
const CHILD = `
const bin = ${JSON.stringify(path.join(PROJECT_ROOT, "bin"))};
// Modules loaded for real (a stand-in's exports are a Proxy).
const loaded = () => Object.keys(require.cache).filter((file) =>
  /node_modules[\\\\/]@npmcli[\\\\/]arborist[\\\\/]|@pulumi[\\\\/]pulumi[\\\\/]automation[\\\\/]|@pulumi[\\\\/]awsx[\\\\/]classic[\\\\/]/.test(file) &&
  !require("util").types.isProxy(require.cache[file].exports));
require(bin + "/scripts/planStack.js").planStack("dev").then(({ run }) => {
  const afterPlan = loaded();
  const pulumi = require("@pulumi/pulumi");
  const codePaths = require("module").createRequire(require.resolve("@pulumi/pulumi/runtime/closure/codePaths"));
  const used = {
    LocalWorkspace: typeof pulumi.automation.LocalWorkspace,
    Arborist: typeof codePaths("@npmcli/arborist").Arborist,
    classicEcs: typeof require("@pulumi/awsx").classic.ecs,
  };
  console.log(JSON.stringify({ resources: run.resources.length, afterPlan, used, afterUse: loaded().length }));
});
`;

describe("Pulumi's modules a plan never uses load only when used", () => {
  let result: {
    resources: number;
    afterPlan: string[];
    used: Record<string, string>;
    afterUse: number;
  };
  before(() => {
    const child = spawnSync(process.execPath, ["-e", CHILD], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    assert.strictEqual(child.status, 0, child.stderr);
    result = JSON.parse(child.stdout.trim().split("\n").pop() ?? "");
  });

  it("a plan of the dev stack loads neither npm's tree reader, the Automation API nor awsx classic", () => {
    assert.ok(result.resources > 0);
    assert.deepStrictEqual(result.afterPlan, []);
  });

  it("each loads, the real one, at its first use", () => {
    assert.deepStrictEqual(result.used, {
      LocalWorkspace: "function",
      Arborist: "function",
      classicEcs: "object",
    });
    assert.ok(result.afterUse > 0, "the real modules are in the module cache");
  });
});
