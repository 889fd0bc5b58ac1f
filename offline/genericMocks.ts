import * as pulumi from "@pulumi/pulumi";
import { InvokeAnswers, MOCK_ACCOUNT_ID, awsMocks } from "./awsMocks";

/**
 * Mocks for any program, not only this project's: the AWS mocks (id, physical name, inputs as
 * outputs, and the ARNs of the types this project uses), plus an ARN for every other `aws:`
 * resource type, shaped `arn:aws:<module>:<region>:<account>:<type>/<name>`, so that a policy
 * document built from `someResource.arn` holds a string, as it will in an account. Kept apart
 * from {@link awsMocks} so the golden plans of this project's stacks do not change.
 */
export function genericMocks(region: string, invokes?: InvokeAnswers): pulumi.runtime.Mocks {
  const aws = awsMocks(region, invokes);
  return {
    call: (args) => aws.call(args),
    async newResource(args) {
      const answer = await aws.newResource(args);
      const state = (answer.state ?? {}) as Record<string, unknown>;
      const arn = state.arn === undefined ? plausibleArn(args.type, state.name, region) : undefined;
      return arn === undefined ? answer : { ...answer, state: { ...state, arn } };
    },
  };
}

/**
 * An ARN for an `aws:<module>/<member>:<Type>` resource, e.g. `aws:s3/bucket:Bucket` named
 * `logs` → `arn:aws:s3:us-east-1:123456789012:bucket/logs`; `undefined` for other providers.
 */
export function plausibleArn(type: string, name: unknown, region: string): string | undefined {
  const match = /^aws:([^/:]+)\/[^:]*:(\w+)$/.exec(type);
  if (!match) {
    return undefined;
  }
  const [, service, kind] = match;
  return `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${kind.toLowerCase()}/${String(name)}`;
}
