import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import {
  PLUGIN_DIR,
  SCHEMA_FILE,
  PackageSchema,
  SchemaProperty,
  derivePackageSchema,
} from "../../offline/packageSchema";

/**
 * The source-based plugin package: the schema Pulumi's component analyzer derives from the
 * library's TypeScript (what `pulumi package add` generates Python, Go, C#, Java and YAML SDKs
 * from) is the checked-in plugin/schema.json. After an intended change of the public API:
 *   npm run schema   (or UPDATE_GOLDEN=1 npm test), then review the diff in git.
 */
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** Every property of the schema with its place, inputs, outputs and object types alike. */
function everyProperty(schema: PackageSchema): [string, SchemaProperty][] {
  const found: [string, SchemaProperty][] = [];
  for (const [token, resource] of Object.entries(schema.resources)) {
    for (const [name, property] of Object.entries(resource.inputProperties ?? {})) {
      found.push([`${token} input ${name}`, property]);
    }
    for (const [name, property] of Object.entries(resource.properties ?? {})) {
      found.push([`${token} output ${name}`, property]);
    }
  }
  for (const [token, type] of Object.entries(schema.types ?? {})) {
    for (const [name, property] of Object.entries(type.properties ?? {})) {
      found.push([`${token}.${name}`, property]);
    }
  }
  return found;
}

describe("plugin package (PulumiPlugin.yaml, runtime nodejs)", function () {
  // The analyzer type-checks the library with @pulumi/aws's declarations: seconds, once.
  this.timeout(120_000);
  let schema: PackageSchema;
  before(async () => {
    schema = await derivePackageSchema();
  });

  it("declares the nodejs runtime and a package name Pulumi accepts as a provider name", () => {
    const manifest = parse(fs.readFileSync(path.join(PLUGIN_DIR, "PulumiPlugin.yaml"), "utf8"));
    assert.deepStrictEqual(manifest, { runtime: "nodejs" });
    const pkg = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "package.json"), "utf8"));
    // cmd/run-plugin of @pulumi/pulumi: the provider name is the package name, letters first.
    assert.match(pkg.name, /^[a-zA-Z][-a-zA-Z0-9_]*$/);
    assert.strictEqual(schema.name, pkg.name);
  });

  it("is a workspace of the root package, so installing it installs the library's dependencies", () => {
    const root = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    assert.ok(root.workspaces.includes("plugin"), "root package.json workspaces lists plugin");
  });

  it("derives the schema checked in as plugin/schema.json", () => {
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    if (UPDATE) {
      fs.writeFileSync(SCHEMA_FILE, text);
      return;
    }
    assert.ok(fs.existsSync(SCHEMA_FILE), "plugin/schema.json is missing: npm run schema");
    assert.deepStrictEqual(
      schema,
      JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")),
      "the public API changed: npm run schema, then review plugin/schema.json in git",
    );
  });

  it("describes every component, input and output (from the library's JSDoc)", () => {
    const undocumented = [
      ...Object.entries(schema.resources)
        .filter(([, resource]) => !resource.description)
        .map(([token]) => token),
      ...everyProperty(schema)
        .filter(([, property]) => !property.description)
        .map(([where]) => where),
    ];
    assert.deepStrictEqual(undocumented, []);
  });

  it("requires what the components cannot work without, and nothing else", () => {
    const required = (token: string) =>
      schema.resources[`fargate-access:index:${token}`].requiredInputs;
    // FargateAccessArgs.strategies is the only required arg; each strategy's own component
    // builds with its defaults (operators come from the account when none are named).
    assert.deepStrictEqual(required("FargateAccess"), ["strategies"]);
    for (const token of ["EcsExecAccess", "SessionManagerAccess", "StepFunctionsAccess"]) {
      assert.deepStrictEqual(required(token) ?? [], [], token);
    }
    // Every strategy needs the cluster and the container; the other keys only some strategies
    // need, checked at run time with the missing keys named (library/existingService.ts).
    const service = schema.types?.["fargate-access:index:ExistingService"];
    assert.deepStrictEqual([...(service?.required ?? [])].sort(), ["clusterName", "containerName"]);
  });

  it("is documented in the README with the SDK names pulumi package add generates", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const start = readme.indexOf("\n## Use it from any language: `pulumi package add`\n");
    assert.ok(start >= 0, "README has the section");
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    // Pulumi's code generators: Python `pulumi_` + the name with - as _ (pkg/codegen/python
    // PyPack), Node.js `@pulumi/<name>` without a namespace (pkg/cmd/pulumi getNodeJSPkgName).
    assert.ok(section.includes(`import pulumi_${schema.name.replace(/-/g, "_")} as`), "Python");
    assert.ok(section.includes(`from "@pulumi/${schema.name}"`), "TypeScript");
    for (const token of Object.keys(schema.resources)) {
      const component = token.split(":")[2];
      assert.ok(section.includes(component), `README names ${component}`);
    }
    assert.ok(section.includes("npm run schema"));
  });

  it("offers only components, in the index module of the package", () => {
    const tokens = Object.keys(schema.resources);
    assert.ok(tokens.length > 0, "the plugin exports no component");
    for (const [token, resource] of Object.entries(schema.resources)) {
      assert.match(token, new RegExp(`^${schema.name}:index:[A-Z]\\w+$`));
      assert.strictEqual(resource.isComponent, true, token);
    }
  });
});
