/**
 * Every VPC endpoint service this project may create, by the short name that follows
 * `com.amazonaws.REGION.`: the interface endpoints of `endpointServiceNames` (the base set and
 * what each strategy asks for, under any of its settings) and the S3 gateway. These are the names
 * `network.existingEndpointServices` may list; a test holds the list to the strategies.
 */
export const KNOWN_ENDPOINT_SERVICES = [
  "ec2messages",
  "ecr.api",
  "ecr.dkr",
  "kms",
  "logs",
  "s3",
  "ssm",
  "ssmmessages",
] as const;
