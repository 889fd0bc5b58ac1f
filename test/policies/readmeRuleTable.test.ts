import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { PACK_POLICIES } from "../../policies/pack";

describe("README rule table", () => {
  it("lists every rule of the pack once, with its default enforcement level", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (mandatory|advisory) \|/gm)].map(
      ([, name, level]) => [name, level],
    );
    const served = PACK_POLICIES.map((policy) => [policy.name, policy.enforcementLevel]);
    const sort = (list: (string | undefined)[][]) =>
      [...list].sort(([a], [b]) => String(a).localeCompare(String(b)));
    assert.deepStrictEqual(sort(rows), sort(served));
  });
});
