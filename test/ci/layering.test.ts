import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CHANNEL_ACTIONS } from "../../policies/rules/ecsExecChannelPermissions";
import { SSM_CHANNEL_ACTIONS } from "../../lib/ecsExecChannels";
import { PROJECT_NAME } from "../../lib/projectName";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { parse } from "yaml";

/** Folders that must not import a component module (they run without the program). */
const NO_COMPONENTS = ["cost", "doctor", "operator", "lib"];

function sourcesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesBelow(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The project-relative files a source imports by a relative path (static or dynamic). */
export function relativeImports(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)"(\.[^"]*)"/g),
  ];
  return specifiers.map(([, specifier]) =>
    path
      .relative(PROJECT_ROOT, path.resolve(path.dirname(file), specifier))
      .split(path.sep)
      .join("/"),
  );
}

describe("layering", () => {
  it("finds static and dynamic relative imports", () => {
    const file = path.join(PROJECT_ROOT, "doctor", "x.ts");
    const text = 'import { a } from "../components/b";\nconst c = await import("./d");\n';
    assert.deepStrictEqual(relativeImports(file, text), ["components/b", "doctor/d"]);
  });

  it(`${NO_COMPONENTS.join(", ")} import no module of components/`, () => {
    const offending = NO_COMPONENTS.flatMap((folder) =>
      sourcesBelow(path.join(PROJECT_ROOT, folder)).flatMap((file) =>
        relativeImports(file, fs.readFileSync(file, "utf8"))
          .filter((target) => target.startsWith("components/"))
          .map((target) => `${path.relative(PROJECT_ROOT, file)} → ${target}`),
      ),
    );
    assert.deepStrictEqual(offending, []);
  });

  it("the pack's copy of the ECS Exec channel actions equals the program's", () => {
    assert.deepStrictEqual([...CHANNEL_ACTIONS].sort(), [...SSM_CHANNEL_ACTIONS].sort());
  });

  it("the project name constant is Pulumi.yaml's name", () => {
    const project = parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as {
      name: string;
    };
    assert.strictEqual(PROJECT_NAME, project.name);
  });
});
