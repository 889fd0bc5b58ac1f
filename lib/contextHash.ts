import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Folders that never belong to an image's build context. */
const SKIPPED = new Set([".git", "node_modules"]);

function filesBelow(root: string, dir = root): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !SKIPPED.has(entry.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesBelow(root, full);
      return entry.isFile() ? [path.relative(root, full).split(path.sep).join("/")] : [];
    })
    .sort();
}

/**
 * A short content hash of a build context (file paths and bytes): the same files give the same
 * tag, any change gives a new one. With immutable ECR tags this is what lets a rebuilt image be
 * pushed while an unchanged one is not pushed again.
 */
export function contextHash(dir: string): string {
  const hash = createHash("sha256");
  for (const file of filesBelow(dir)) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(dir, file)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}
