import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { licenceAllowed, licenceOffenders, unusedExceptions } from "../helpers/licenceCheck";
import { InstalledPackage, productionTree } from "../helpers/installedTree";
import { LICENCE_POLICY } from "./licencePolicy";

const TREES = {
  "the program (package.json dependencies)": PROJECT_ROOT,
  "the policy pack (policies/package.json dependencies)": path.join(PROJECT_ROOT, "policies"),
};

describe("licences of the production dependency trees", () => {
  const everything: InstalledPackage[] = [];
  for (const [tree, dir] of Object.entries(TREES)) {
    describe(tree, () => {
      const { packages, missing } = productionTree(dir);
      everything.push(...packages);

      it("is installed completely (every required dependency found)", () => {
        assert.deepStrictEqual(missing, [], "run npm ci");
        assert.ok(packages.length > 0);
      });

      it("holds no copyleft or unknown licence", () => {
        const offenders = licenceOffenders(packages, LICENCE_POLICY);
        assert.deepStrictEqual(
          offenders,
          [],
          `Production dependencies with a licence outside test/ci/licencePolicy.ts's allow-list:\n` +
            `${offenders.join("\n")}\nReplace them, or add an exception there with the reason.`,
        );
      });
    });
  }

  it("needs every exception it lists (a package that left is not excepted any more)", () => {
    assert.deepStrictEqual(unusedExceptions(everything, LICENCE_POLICY), []);
  });
});

describe("licenceAllowed (SPDX expressions)", () => {
  const allowed = ["MIT", "Apache-2.0"];
  const cases: [string | undefined, boolean][] = [
    ["MIT", true],
    ["GPL-3.0-only", false],
    ["GPL-3.0-only OR MIT", true],
    ["(MIT OR GPL-3.0-only)", true],
    ["MIT AND Apache-2.0", true],
    ["MIT AND LGPL-2.1-only", false],
    // AND binds tighter than OR: MIT OR (GPL AND LGPL).
    ["MIT OR GPL-3.0-only AND LGPL-2.1-only", true],
    ["(MIT OR GPL-3.0-only) AND LGPL-2.1-only", false],
    ["Apache-2.0 WITH LLVM-exception", true],
    ["GPL-2.0+ WITH Classpath-exception-2.0", false],
    ["Apache-2.0+", true],
    ["mit OR GPL-3.0-only", true],
    ["MIT or GPL-3.0-only", false],
    ["SEE LICENSE IN LICENSE", false],
    ["UNLICENSED", false],
    ["MIT OR", false],
    ["(MIT", false],
    ["MIT WITH", false],
    ["", false],
    [undefined, false],
  ];
  for (const [expression, expected] of cases) {
    it(`${JSON.stringify(expression)} is ${expected ? "allowed" : "refused"}`, () => {
      assert.strictEqual(licenceAllowed(expression, allowed), expected);
    });
  }
});

describe("productionTree and licenceOffenders on a small installed tree", () => {
  let root: string;

  function install(dir: string, manifest: Record<string, unknown>): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
  }

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "licences-"));
    const modules = path.join(root, "node_modules");
    install(root, {
      name: "app",
      dependencies: { a: "1", dual: "1", both: "1", none: "1", gone: "1" },
      optionalDependencies: { "not-here": "1" },
      devDependencies: { "dev-only": "1" },
    });
    install(path.join(modules, "a"), {
      name: "a",
      version: "1.0.0",
      license: "MIT",
      dependencies: { nested: "2" },
      peerDependencies: { peer: "1", "optional-peer": "1" },
      peerDependenciesMeta: { "optional-peer": { optional: true } },
    });
    // Two versions of `nested`: a's own copy, and the hoisted one nobody here requires.
    install(path.join(modules, "a", "node_modules", "nested"), {
      name: "nested",
      version: "2.0.0",
      license: "GPL-2.0-only",
    });
    install(path.join(modules, "nested"), { name: "nested", version: "1.0.0", license: "MIT" });
    install(path.join(modules, "peer"), { name: "peer", version: "1.0.0", license: "AGPL-3.0" });
    install(path.join(modules, "dual"), {
      name: "dual",
      version: "1.0.0",
      license: "GPL-3.0-only OR MIT",
    });
    install(path.join(modules, "both"), {
      name: "both",
      version: "1.0.0",
      license: { type: "MIT AND LGPL-2.1-only" },
    });
    install(path.join(modules, "none"), { name: "none", version: "1.0.0" });
    install(path.join(modules, "optional-peer"), {
      name: "optional-peer",
      version: "1.0.0",
      license: "GPL-3.0-only",
    });
    install(path.join(modules, "dev-only"), { name: "dev-only", version: "1.0.0", license: "GPL" });
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("follows dependencies and peers as Node resolves them, not devDependencies or optional peers", () => {
    const { packages, missing } = productionTree(root);
    assert.deepStrictEqual(packages.map((found) => `${found.name}@${found.version}`).sort(), [
      "a@1.0.0",
      "both@1.0.0",
      "dual@1.0.0",
      "nested@2.0.0",
      "none@1.0.0",
      "peer@1.0.0",
    ]);
    assert.deepStrictEqual(missing, ["gone (needed by app)"]);
  });

  it("lists each offender by name@version, licence and path, and honours exceptions", () => {
    const { packages } = productionTree(root);
    const policy = { allowed: ["MIT"], exceptions: {} };
    assert.deepStrictEqual(licenceOffenders(packages, policy), [
      "both@1.0.0: MIT AND LGPL-2.1-only (via both)",
      "nested@2.0.0: GPL-2.0-only (via a > nested)",
      "none@1.0.0: no license field (via none)",
      "peer@1.0.0: AGPL-3.0 (via a > peer)",
    ]);
    const excepted = {
      allowed: ["MIT"],
      exceptions: {
        peer: { license: "AGPL-3.0", reason: "test" },
        // Excepted for another licence than it has: still an offender.
        nested: { license: "GPL-3.0-only", reason: "test" },
        none: { license: undefined, reason: "test" },
        dual: { license: "GPL-3.0-only OR MIT", reason: "not needed: MIT is allowed" },
      },
    };
    assert.deepStrictEqual(licenceOffenders(packages, excepted), [
      "both@1.0.0: MIT AND LGPL-2.1-only (via both)",
      "nested@2.0.0: GPL-2.0-only (via a > nested)",
    ]);
    assert.deepStrictEqual(unusedExceptions(packages, excepted), ["nested", "dual"]);
  });
});
