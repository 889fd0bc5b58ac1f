import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { PACK_POLICIES } from "../../policies/pack";
import { ALL_POLICIES } from "../../policies/policies";

const HEADER =
  "| rule | level | anchors (issue 22 classes) | judges in the model | what it catches (cdk-nag, SH, CKV ids) | config |";

/** The rule table's rows, each split into its cells (`\|` inside a cell is a literal pipe). */
function ruleRows(): string[][] {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const lines = readme.split("\n");
  const start = lines.indexOf(HEADER);
  assert.ok(start >= 0, `README.md has no rule table headed ${HEADER}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe("README rule table", () => {
  const rows = ruleRows();

  it("lists every rule of the pack once, with its default enforcement level", () => {
    const listed = rows.map(([name, level]) => [name.replace(/`/g, ""), level]);
    const served = PACK_POLICIES.map((policy) => [policy.name, policy.enforcementLevel]);
    const sort = (list: (string | undefined)[][]) =>
      [...list].sort(([a], [b]) => String(a).localeCompare(String(b)));
    assert.deepStrictEqual(sort(listed), sort(served));
  });

  it("names, for every rule, its anchors and what it judges in the model", () => {
    const byName = new Map(rows.map((cells) => [cells[0].replace(/`/g, ""), cells]));
    const problems = ALL_POLICIES.flatMap(({ name }) => {
      const cells = byName.get(name);
      if (!cells) return [`${name}: no row`];
      if (cells.length !== 6) return [`${name}: ${cells.length} cells, the header has 6`];
      const [, , anchors, model, catches] = cells;
      return [
        ...(anchors === "" ? [`${name}: no anchors`] : []),
        ...(model.length < 10 ? [`${name}: the model column says nothing (${model})`] : []),
        ...(catches === "" ? [`${name}: nothing caught`] : []),
      ];
    });
    assert.deepStrictEqual(problems, []);
  });
});
