import { show } from "./fieldReader";

/**
 * What is wrong with an image reference, and what is risky about it. The two sources of truth:
 * - ECS `ContainerDefinition.image` (ECS API reference; client-ecs `ContainerDefinition.image`):
 *   up to 255 characters before any `@`; a digest is `sha256:` and exactly 64 hex characters.
 *   ECS registers a reference with upper-case letters, but the pull fails later.
 * - The pull itself parses the reference with the distribution/reference grammar
 *   (github.com/distribution/reference, reference.go):
 *     reference        := name [ ":" tag ] [ "@" digest ]
 *     name             := [ domain "/" ] path-component [ "/" path-component ]*
 *     domain           := domain-component [ "." domain-component ]* [ ":" port-number ]
 *     domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *     path-component   := alpha-numeric [ separator alpha-numeric ]*
 *     alpha-numeric    := /[a-z0-9]+/            (lower case only)
 *     separator        := /[_.]|__|[-]+/
 *     tag              := /[\w][\w.-]{0,127}/
 *   The first part is a domain when it holds a `.` or a `:` or is `localhost`; otherwise the image
 *   is on Docker Hub. Without a tag or digest the pull takes `:latest`.
 */
export interface ImageReferenceFindings {
  /** Why ECS or the pull would refuse it (the config is refused). */
  problem?: string;
  /** Legal but risky (a warning). */
  warning?: string;
}

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const ECS_DIGEST = /^sha256:[a-fA-F0-9]{64}$/;
const ECS_MAX_NAME_LENGTH = 255;
const PIN_ADVICE = "pin it by digest (IMAGE@sha256:...) or an immutable tag";

/** Checks one `service.image` value; both fields empty when it is a pinned, valid reference. */
export function imageReferenceFindings(image: string): ImageReferenceFindings {
  const value = show(image);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) {
    const bare = image.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
    return { problem: `${value} is a URL; write the reference without a scheme: ${show(bare)}.` };
  }
  if (/\s/.test(image)) {
    return { problem: `${value} holds white space; an image reference has none.` };
  }
  const at = image.indexOf("@");
  const nameAndTag = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  if (digest !== undefined && !ECS_DIGEST.test(digest)) {
    return {
      problem: `${value} has the digest ${show(digest)}; ECS takes only sha256: followed by exactly 64 hex characters (the image's digest, from docker inspect or the ECR console).`,
    };
  }
  if (nameAndTag.length > ECS_MAX_NAME_LENGTH) {
    return {
      problem: `${value} is ${nameAndTag.length} characters before any @digest; ECS allows at most ${ECS_MAX_NAME_LENGTH}.`,
    };
  }
  const slash = nameAndTag.lastIndexOf("/");
  const colon = nameAndTag.lastIndexOf(":");
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  const name = tag === undefined ? nameAndTag : nameAndTag.slice(0, colon);
  const problem = nameProblem(image, name) ?? tagProblem(value, tag);
  if (problem) {
    return { problem };
  }
  if (digest !== undefined) {
    return {};
  }
  if (tag === undefined) {
    return {
      warning: `${value} has no tag, so ECS pulls ${name}:latest, which a push can change under a running service; ${PIN_ADVICE}.`,
    };
  }
  if (tag === "latest") {
    return {
      warning: `${value} uses the tag latest, which every push moves, so a task that restarts may run other code than the one planned; ${PIN_ADVICE}.`,
    };
  }
  return {};
}

function nameProblem(image: string, name: string): string | undefined {
  const value = show(image);
  const parts = name.split("/");
  const first = parts[0];
  const hasDomain =
    parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasDomain) {
    const [host, port, ...rest] = first.split(":");
    const hostOk = host.split(".").every((part) => DOMAIN_COMPONENT.test(part));
    if (!hostOk || rest.length > 0 || (port !== undefined && !/^\d+$/.test(port))) {
      return `${value} has the registry ${show(first)}, which is not a host name with an optional :port.`;
    }
  }
  const path = hasDomain ? parts.slice(1) : parts;
  const repository = path.join("/");
  if (path.every((part) => PATH_COMPONENT.test(part))) {
    return undefined;
  }
  if (path.every((part) => PATH_COMPONENT.test(part.toLowerCase()))) {
    const fixed =
      (hasDomain ? `${first}/` : "") + repository.toLowerCase() + image.slice(name.length);
    return `${value} has upper-case letters in the repository ${show(repository)}; repository names are lower case (distribution/reference grammar), so ECS could not pull it (invalid reference format). Use ${show(fixed)}, and name the repository that way where it is pushed.`;
  }
  const bad = path.find((part) => !PATH_COMPONENT.test(part.toLowerCase())) ?? repository;
  return `${value} has the repository part ${show(bad)}; each part between slashes is lower-case letters and digits, joined by single . or _, a double __, or dashes (distribution/reference grammar).`;
}

function tagProblem(value: string, tag: string | undefined): string | undefined {
  if (tag === undefined || TAG.test(tag)) {
    return undefined;
  }
  return `${value} has the tag ${show(tag)}; a tag is 1 to 128 letters, digits, _ . or -, not starting with . or - (distribution/reference grammar).`;
}
