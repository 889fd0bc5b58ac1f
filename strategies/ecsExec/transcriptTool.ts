/**
 * ECS Exec records a session by running `script` (util-linux) inside the container: the SSM
 * agent's shell plugin calls `script <log> -c "cat <ipc>"` when the session is logged to S3 or to
 * CloudWatch without streaming, which is how ECS Exec logs (amazon-ssm-agent
 * agent/session/shell/shell_unix.go `generateLogData`, called from shell.go `finishLogging`).
 * Without it the session still opens, and its log stays empty (aws/amazon-ssm-agent#653; Amazon
 * ECS developer guide, "ECS Exec", logging). What can be known offline about an image is what its
 * base is and whether its Dockerfile installs util-linux.
 */

/** Bases known to lack `script`, by repository name (the last path segment before the tag). */
const BASES_WITHOUT_SCRIPT: { pattern: RegExp; why: string; install: string }[] = [
  {
    pattern: /(^|\/)alpine$/,
    // aports main/busybox/busyboxconfig: "# CONFIG_SCRIPT is not set".
    why: "Alpine's busybox has no script applet",
    install: "apk add util-linux-misc",
  },
  { pattern: /(^|\/)busybox$/, why: "BusyBox images have no script", install: "use another base" },
  {
    pattern: /(^|\/)amazonlinux$/,
    // The container image is minimal (AL2023 user guide, "AL2023 container images"): no util-linux.
    why: "the Amazon Linux container image has no util-linux",
    install: "dnf install -y util-linux",
  },
  {
    pattern: /(^|\/)distroless\//,
    why: "distroless images have no shell utilities",
    install: "use another base",
  },
];

/** Packages that provide `script` on the bases we know (dnf/yum, apk, apt). */
const SCRIPT_PACKAGES = /\b(util-linux-misc|util-linux|bsdutils)\b|\/usr\/bin\/script\b/;

/** The repository part of an image reference: `public.ecr.aws/docker/library/alpine:3.20` → `…/alpine`. */
function repositoryOf(image: string): string {
  const withoutDigest = image.split("@")[0];
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
}

/** Why an image built from `image` has no `script`, when its base is known to lack it. */
export function baseWithoutScript(image: string): { why: string; install: string } | undefined {
  if (image.trim() === "scratch") return { why: "scratch is empty", install: "use another base" };
  const repository = repositoryOf(image);
  const known = BASES_WITHOUT_SCRIPT.find((base) => base.pattern.test(repository));
  return known && { why: known.why, install: known.install };
}

/**
 * The base of a Dockerfile's final stage, with `ARG` defaults substituted (`ARG BASE=…` then
 * `FROM ${BASE}`); `undefined` when it cannot be read (a build argument without default).
 */
export function finalBaseImage(dockerfile: string): string | undefined {
  const args = new Map<string, string>();
  let base: string | undefined;
  for (const raw of dockerfile.split("\n")) {
    const line = raw.trim();
    const arg = /^ARG\s+(\w+)=(\S+)/i.exec(line);
    if (arg) args.set(arg[1], arg[2].replace(/^["']|["']$/g, ""));
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)/i.exec(line);
    if (from) {
      const resolved = from[1].replace(/\$\{?(\w+)\}?/g, (_, name: string) => args.get(name) ?? "");
      base = resolved === "" || resolved.includes("$") ? undefined : resolved;
    }
  }
  return base;
}

/** What the plan needs to judge an image: the image, or the built Dockerfile and its context. */
export type ImageSource =
  | { kind: "image"; image: string }
  | {
      kind: "build";
      dockerfile: string;
      /** The text of the files the Dockerfile copies in from its context (install scripts). */
      contextFiles: string[];
    };

/**
 * A warning when exec sessions are logged but the image will have no `script`: a prebuilt image
 * whose repository is a base known to lack it, or a Dockerfile whose final base lacks it and
 * that installs no package providing it (itself or through the scripts it copies in).
 */
export function transcriptToolWarning(source: ImageSource): string | undefined {
  const key =
    source.kind === "image" ? "fargate-access:service.image" : "fargate-access:service.build";
  let base: string | undefined;
  if (source.kind === "image") {
    base = source.image;
  } else {
    base = finalBaseImage(source.dockerfile);
    const texts = [source.dockerfile, ...source.contextFiles];
    if (base === undefined || texts.some((text) => SCRIPT_PACKAGES.test(text))) return undefined;
  }
  const lacking = baseWithoutScript(base);
  if (!lacking) return undefined;
  return `${key}: ecsExec.logging records sessions by running script inside the container, but ${base} has none (${lacking.why}): every exec session log would be empty. Build the image with script (${lacking.install}; container/Dockerfile does), or set ecsExec.logging: none to say sessions are not recorded.`;
}

/**
 * Reads a `service.build` context as {@link transcriptToolWarning} needs it: the Dockerfile and
 * the context files its COPY/ADD lines name. `undefined` when the Dockerfile cannot be read (the
 * build check reports that on its own).
 */
export function readBuildSource(
  build: { context: string; dockerfile?: string },
  root: string,
  readFile: (file: string) => string | undefined,
): ImageSource | undefined {
  const context = `${root}/${build.context}`;
  const dockerfile = readFile(`${context}/${build.dockerfile ?? "Dockerfile"}`);
  if (dockerfile === undefined) return undefined;
  const contextFiles: string[] = [];
  for (const match of dockerfile.matchAll(/^(?:COPY|ADD)\s+((?:--\S+\s+)*)(.+)$/gim)) {
    if (/--from=/.test(match[1])) continue;
    const sources = match[2].trim().split(/\s+/).slice(0, -1);
    for (const source of sources) {
      const text = readFile(`${context}/${source}`);
      if (text !== undefined) contextFiles.push(text);
    }
  }
  return { kind: "build", dockerfile, contextFiles };
}
