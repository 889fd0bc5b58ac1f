import { FakeAwsError, FakeService } from "./fakeService";

/**
 * ECR image pushes into one repository. Rule (ECR API reference, PutImage errors): with
 * `imageTagMutability: IMMUTABLE`, putting a manifest under a tag that already names a different
 * image fails with ImageTagAlreadyExistsException; pushing the same image again is accepted.
 */
export function fakeEcrRepository(mutability: "IMMUTABLE" | "MUTABLE") {
  const tags = new Map<string, string>();
  const service: FakeService = {
    PutImage: (input) => {
      const tag = String(input.imageTag);
      const digest = String(input.imageDigest);
      const existing = tags.get(tag);
      if (mutability === "IMMUTABLE" && existing !== undefined && existing !== digest) {
        throw new FakeAwsError(
          "ImageTagAlreadyExistsException",
          `The image tag '${tag}' already exists in the repository and cannot be overwritten because the repository is immutable.`,
        );
      }
      tags.set(tag, digest);
      return { image: { imageId: { imageTag: tag, imageDigest: digest } } };
    },
  };
  return { service, tags };
}
