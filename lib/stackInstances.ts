import {
  DescribeInstanceInformationCommand,
  InstanceInformation,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { ACTIVATION_TAG_KEYS } from "./activationTags";

/**
 * Every page of a stack's managed instances (hybrid-activated tasks), whatever their status.
 * One tag filter only: DescribeInstanceInformation rejects a tag filter combined with any other
 * filter type ("Tag filters can't be combined with other filter types", the SDK model's
 * DescribeInstanceInformationRequest.Filters; the service answers "ValidationException: Cannot
 * mix tag or inventory filter with any other filter"), so callers judge PingStatus in code.
 * MaxResults 50 is the largest page the API allows (shape MaxResultsEC2Compatible, 5 to 50).
 */
export async function stackInstances(
  ssm: SSMClient,
  stackTag: string,
): Promise<InstanceInformation[]> {
  const instances: InstanceInformation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ssm.send(
      new DescribeInstanceInformationCommand({
        Filters: [{ Key: `tag:${ACTIVATION_TAG_KEYS.stack}`, Values: [stackTag] }],
        MaxResults: 50,
        NextToken: nextToken,
      }),
    );
    instances.push(...(page.InstanceInformationList ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return instances;
}
