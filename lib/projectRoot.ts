import * as fs from "fs";
import * as path from "path";

/** The folder holding `Pulumi.yaml`, found upwards from `start` (source tree or `bin/`). */
export function findProjectRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
      return dir;
    }
  }
  throw new Error(`No Pulumi.yaml above ${start}.`);
}

/** The project root of this checkout, whether the code runs from source or from `bin/`. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
