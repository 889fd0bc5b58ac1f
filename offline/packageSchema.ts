import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { PROJECT_ROOT } from "../lib/projectRoot";

/** The source-based plugin package's folder: PulumiPlugin.yaml, package.json, index.ts. */
export const PLUGIN_DIR = path.join(PROJECT_ROOT, "plugin");
/** The checked-in schema: what `pulumi package add` gives SDKs in other languages. */
export const SCHEMA_FILE = path.join(PLUGIN_DIR, "schema.json");

/**
 * The component provider the Pulumi CLI starts for the plugin (`cmd/run-plugin` of
 * @pulumi/pulumi: it requires the plugin folder, takes the components it exports
 * (`getPulumiComponents`) and hosts them under the package.json name), built here in-process
 * from the compiled entry, so tests construct components the way the CLI's `Construct` does.
 */
export function pluginProvider(): ComponentProvider {
  const manifest = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "package.json"), "utf8")) as {
    name: string;
  };
  // The compiled entry (bin/plugin/index.js): its classes are those the tests' program loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require(path.join(PROJECT_ROOT, "bin", "plugin", "index.js")) as object;
  return new ComponentProvider({
    components: getPulumiComponents(entry),
    dirname: PLUGIN_DIR,
    name: manifest.name,
  });
}

/**
 * The package schema as Pulumi's component analyzer derives it from the TypeScript sources
 * (`provider/experimental/analyzer.js`: each exported component's constructor `args` interface
 * becomes its inputs, its `pulumi.Output` fields its outputs, JSDoc their descriptions).
 */
export async function derivePackageSchema(): Promise<PackageSchema> {
  return JSON.parse(await pluginProvider().getSchema()) as PackageSchema;
}

/** The parts of a Pulumi package schema the tests read. */
export interface PackageSchema {
  name: string;
  version: string;
  resources: Record<string, SchemaResource>;
  types?: Record<string, SchemaObjectType>;
}

/** An object type of the schema (`types`): an args or outputs interface the components use. */
export interface SchemaObjectType {
  type?: string;
  description?: string;
  properties?: Record<string, SchemaProperty>;
  required?: string[];
}

export interface SchemaResource {
  isComponent?: boolean;
  description?: string;
  inputProperties?: Record<string, SchemaProperty>;
  requiredInputs?: string[];
  properties?: Record<string, SchemaProperty>;
}

export interface SchemaProperty {
  type?: string;
  $ref?: string;
  description?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  optional?: boolean;
  plain?: boolean;
}
