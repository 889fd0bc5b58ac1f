import * as fs from "fs";
import * as path from "path";
import { ImageBuildConfig } from "./types";

/**
 * What is missing on disk for `service.build`: the context folder and its Dockerfile (Docker
 * fails on either only at `pulumi up`, after the rest of the stack is planned).
 */
export function buildFileProblems(build: ImageBuildConfig, root: string): string[] {
  const key = "fargate-access:service.build";
  const context = path.resolve(root, build.context);
  if (!isKind(context, "directory")) {
    return [
      `${key}.context: ${JSON.stringify(build.context)} is not a folder of this project; use a folder with a Dockerfile, relative to the project root (e.g. container).`,
    ];
  }
  const dockerfile = build.dockerfile ?? "Dockerfile";
  if (!isKind(path.resolve(context, dockerfile), "file")) {
    const present = fs.readdirSync(context).filter((name) => /dockerfile/i.test(name));
    const hint = present.length > 0 ? `; the folder has ${present.join(", ")}` : "";
    return [
      `${key}.dockerfile: ${JSON.stringify(dockerfile)} does not exist in ${build.context}${hint}. Set service.build.dockerfile to the Dockerfile's name inside the context folder.`,
    ];
  }
  return [];
}

function isKind(file: string, kind: "file" | "directory"): boolean {
  if (!fs.existsSync(file)) {
    return false;
  }
  const stat = fs.statSync(file);
  return kind === "file" ? stat.isFile() : stat.isDirectory();
}
