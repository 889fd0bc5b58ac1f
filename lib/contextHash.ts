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

/** Everything that decides the bytes of a built image. */
export interface ImageBuildInputs {
  /** The build context folder. */
  context: string;
  /** The Dockerfile, inside the context or not. */
  dockerfile: string;
  /** `linux/amd64` or `linux/arm64`: the same files build a different image per platform. */
  platform: string;
  buildArgs?: Record<string, string>;
}

/**
 * The image tag: a hash of the context's files, the Dockerfile's bytes (it may live outside the
 * context), the platform and the build arguments. ECR refuses to push a different image under a
 * tag that exists in an IMMUTABLE repository (PutImage: ImageTagAlreadyExistsException), so any
 * input that changes the image must change the tag.
 */
export function imageTag(inputs: ImageBuildInputs): string {
  const hash = createHash("sha256")
    .update(`context\0${contextHash(inputs.context)}\0`)
    .update("dockerfile\0")
    .update(fs.readFileSync(inputs.dockerfile))
    .update(`\0platform\0${inputs.platform}\0`);
  for (const [name, value] of Object.entries(inputs.buildArgs ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    hash.update(`arg\0${name}\0${value}\0`);
  }
  return hash.digest("hex").slice(0, 16);
}
