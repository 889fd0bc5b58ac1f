import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { PLUGIN_DIR, PackageSchema, SCHEMA_FILE } from "../../offline/packageSchema";
import { ConfigTypes, schemaProblems } from "../../offline/schemaConformance";

/**
 * examples/existing-service-yaml: a Pulumi YAML program using the plugin package. The Pulumi CLI
 * cannot run here, so its resources are checked against the checked-in schema (which
 * test/plugin/packageSchema.test.ts keeps equal to what the analyzer derives).
 */
const EXAMPLE = path.join(PROJECT_ROOT, "examples", "existing-service-yaml");
const TOKEN = "fargate-access:index:FargateAccess";

interface YamlProgram {
  runtime: string;
  packages: Record<string, string>;
  config: Record<string, { type: string }>;
  resources: Record<string, { type: string; properties: Record<string, unknown> }>;
  outputs: Record<string, string>;
}

const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as PackageSchema;

describe("examples/existing-service-yaml (Pulumi YAML through the plugin package)", () => {
  const program = parse(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as YamlProgram;
  const config: ConfigTypes = Object.fromEntries(
    Object.entries(program.config).map(([key, { type }]) => [key, type]),
  );

  it("is a YAML program whose package is this plugin folder", () => {
    assert.strictEqual(program.runtime, "yaml");
    assert.strictEqual(path.resolve(EXAMPLE, program.packages[schema.name]), PLUGIN_DIR);
  });

  it("attaches ECS Exec and Step Functions to the service of its config", () => {
    const used = Object.values(program.resources).filter((resource) => resource.type === TOKEN);
    assert.strictEqual(used.length, 1);
    assert.deepStrictEqual(used[0].properties.strategies, ["ecsExec", "stepFunctions"]);
    // No network or service of its own: only the package's component.
    assert.deepStrictEqual(
      Object.values(program.resources).filter(
        (resource) => !resource.type.startsWith("fargate-access:"),
      ),
      [],
    );
  });

  it("gives every resource only schema inputs, the required ones, with the schema's types", () => {
    for (const [name, resource] of Object.entries(program.resources)) {
      assert.deepStrictEqual(
        schemaProblems(schema, resource.type, resource.properties, config),
        [],
        name,
      );
    }
  });

  it("exports only outputs the component has", () => {
    const outputs = Object.keys(schema.resources[TOKEN].properties ?? {});
    for (const [name, value] of Object.entries(program.outputs)) {
      const match = /^\$\{access\.(\w+)\}$/.exec(value);
      assert.ok(match && outputs.includes(match[1]), `${name}: ${value} (outputs: ${outputs})`);
    }
  });
});

describe("schemaProblems (the example's check)", () => {
  it("names unknown keys, missing required inputs and wrong types, with their paths", () => {
    const problems = schemaProblems(
      schema,
      TOKEN,
      {
        strategy: ["ecsExec"],
        productionLike: "${stage}",
        ecsExec: { operatorPrincipals: "arn:aws:iam::123456789012:role/oncall" },
        service: { clusterName: 7 },
      },
      { stage: "string" },
    );
    assert.deepStrictEqual(problems, [
      `${TOKEN}.strategies: required, not given.`,
      `${TOKEN}.strategy: not an input; allowed: strategies, ecsExec, sessionManager, stepFunctions, logRetentionDays, productionLike, service.`,
      `${TOKEN}.productionLike: string given; the schema wants boolean.`,
      `${TOKEN}.ecsExec.operatorPrincipals: string given; the schema wants array.`,
      `${TOKEN}.service.containerName: required, not given.`,
      `${TOKEN}.service.clusterName: integer given; the schema wants string.`,
    ]);
  });

  it("accepts a config key's declared type for ${key}, and numbers for integers", () => {
    const properties = { strategies: "${names}", logRetentionDays: 30 };
    assert.deepStrictEqual(schemaProblems(schema, TOKEN, properties, { names: "array" }), []);
    assert.deepStrictEqual(schemaProblems(schema, "fargate-access:index:Nope", {}), [
      "fargate-access:index:Nope: not a resource of the package fargate-access.",
    ]);
  });
});
