import { PolicyResource } from "@pulumi/policy";

/**
 * Where each resource type keeps its resource-based policy (Pulumi AWS and AWS Native provider
 * schemas): the document that says who, outside the identity policies, may use the resource.
 */
const POLICY_PROPERTY: Record<string, { property: string; what: string }> = {
  "aws:kms/key:Key": { property: "policy", what: "KMS key" },
  "aws:s3/bucketPolicy:BucketPolicy": { property: "policy", what: "S3 bucket" },
  "aws:secretsmanager/secret:Secret": { property: "policy", what: "secret" },
  "aws:secretsmanager/secretPolicy:SecretPolicy": { property: "policy", what: "secret" },
  "aws:ecr/repositoryPolicy:RepositoryPolicy": { property: "policy", what: "ECR repository" },
  "aws:sqs/queue:Queue": { property: "policy", what: "SQS queue" },
  "aws:sqs/queuePolicy:QueuePolicy": { property: "policy", what: "SQS queue" },
  "aws:sns/topic:Topic": { property: "policy", what: "SNS topic" },
  "aws:sns/topicPolicy:TopicPolicy": { property: "policy", what: "SNS topic" },
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": {
    property: "policyDocument",
    what: "CloudWatch Logs resource policy",
  },
  "aws-native:kms:Key": { property: "keyPolicy", what: "KMS key" },
  "aws-native:s3:BucketPolicy": { property: "policyDocument", what: "S3 bucket" },
  "aws-native:secretsmanager:ResourcePolicy": { property: "resourcePolicy", what: "secret" },
  "aws-native:ecr:Repository": { property: "repositoryPolicyText", what: "ECR repository" },
};

/** The resource types whose resource-based policy the pack reads. */
export const RESOURCE_POLICY_TYPES: readonly string[] = Object.keys(POLICY_PROPERTY);

export interface ResourcePolicy {
  /** `KMS key`, `S3 bucket`, … for messages. */
  what: string;
  /** The property holding the document. */
  property: string;
  /** The document as given (JSON text or an object); undefined when absent. */
  document: unknown;
}

/** The resource-based policy a resource carries, if its type has one. */
export function resourcePolicyOf(
  type: string,
  props: Record<string, unknown>,
): ResourcePolicy | undefined {
  const known = POLICY_PROPERTY[type];
  if (!known) return undefined;
  return { ...known, document: props[known.property] };
}

/** Whether the pack reads a resource-based policy from this resource. */
export function hasResourcePolicy(resource: Pick<PolicyResource, "type">): boolean {
  return resource.type in POLICY_PROPERTY;
}
