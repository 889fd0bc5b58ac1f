import * as fs from "fs";
import * as path from "path";

/** One installed package that a production dependency tree reaches. */
export interface InstalledPackage {
  name: string;
  version: string;
  /** Its `package.json` `license` (an SPDX expression), or `undefined` when it has none. */
  license: string | undefined;
  /** Its folder (the real path, after symlinks). */
  dir: string;
  /** How the tree reaches it: the names from the start package's dependency down to it. */
  via: string[];
}

/** What a production dependency tree holds, and what it needs that is not installed. */
export interface InstalledTree {
  packages: InstalledPackage[];
  /** `name (needed by …)` for each required dependency that no `node_modules` above holds. */
  missing: string[];
}

interface Manifest {
  name?: string;
  version?: string;
  license?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/**
 * A `license` field as an SPDX expression: the string itself, or the `type` of the deprecated
 * `{ type, url }` object form (npm docs, package.json "license").
 */
function licenseOf(manifest: Manifest): string | undefined {
  const { license } = manifest;
  if (typeof license === "string") return license;
  if (license && typeof license === "object" && "type" in license) {
    return String((license as { type: unknown }).type);
  }
  return undefined;
}

/**
 * Where Node finds package `name` required from a file in `fromDir`: the first
 * `node_modules/<name>` in that folder or a folder above it (Node.js docs, "Loading from
 * node_modules folders": https://nodejs.org/api/modules.html#loading-from-node_modules-folders).
 */
export function resolvePackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (
      path.basename(dir) !== "node_modules" &&
      fs.existsSync(path.join(candidate, "package.json"))
    ) {
      return fs.realpathSync(candidate);
    }
    if (dir === path.dirname(dir)) return undefined;
  }
}

/**
 * What a package needs at run time: `dependencies`, `optionalDependencies` (installed when the
 * platform allows) and `peerDependencies` (npm ≥ 7 installs them), but not optional peers: npm
 * does not install those for it, so they are there only when another package depends on them
 * (npm docs, package.json "peerDependenciesMeta": https://docs.npmjs.com/cli/v11/configuring-npm/package-json#peerdependenciesmeta).
 */
function runtimeNeeds(manifest: Manifest): { name: string; optional: boolean }[] {
  const needs = new Map<string, boolean>();
  for (const name of Object.keys(manifest.dependencies ?? {})) needs.set(name, false);
  for (const name of Object.keys(manifest.peerDependencies ?? {})) {
    if (manifest.peerDependenciesMeta?.[name]?.optional !== true) needs.set(name, false);
  }
  for (const name of Object.keys(manifest.optionalDependencies ?? {})) needs.set(name, true);
  return [...needs].map(([name, optional]) => ({ name, optional }));
}

/**
 * Every package that the `dependencies` of the package in `startDir` reach at run time, as
 * installed: each resolved the way Node resolves it from the package that needs it, each
 * installed folder once. Development dependencies are not followed (not even the start's).
 */
export function productionTree(startDir: string): InstalledTree {
  const start = readManifest(startDir);
  const packages = new Map<string, InstalledPackage>();
  const missing: string[] = [];
  const queue = Object.keys(start.dependencies ?? {}).map((name) => ({
    name,
    optional: false,
    fromDir: fs.realpathSync(startDir),
    via: [] as string[],
  }));
  while (queue.length > 0) {
    const { name, optional, fromDir, via } = queue.shift() as (typeof queue)[number];
    const dir = resolvePackageDir(name, fromDir);
    if (!dir) {
      if (!optional) missing.push(`${name} (needed by ${via.join(" > ") || start.name})`);
      continue;
    }
    if (packages.has(dir)) continue;
    const manifest = readManifest(dir);
    const found: InstalledPackage = {
      name,
      version: manifest.version ?? "?",
      license: licenseOf(manifest),
      dir,
      via: [...via, name],
    };
    packages.set(dir, found);
    for (const need of runtimeNeeds(manifest)) {
      queue.push({ ...need, fromDir: dir, via: found.via });
    }
  }
  return { packages: [...packages.values()], missing };
}
