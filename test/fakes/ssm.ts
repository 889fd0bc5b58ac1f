import { FakeAwsError, FakeService } from "./fakeService";

export interface FakeManagedInstance {
  InstanceId: string;
  PingStatus: "Online" | "ConnectionLost" | "Inactive";
  LastPingDateTime: Date;
  ResourceType: "ManagedInstance";
  tags: Record<string, string>;
}

/**
 * SSM DescribeInstanceInformation (SSM API Reference):
 * - a `tag:` (or inventory) filter mixed with any other filter is rejected: "ValidationException:
 *   Cannot mix tag or inventory filter with any other filter" (github.com/danmx/sigil/issues/61);
 * - supported here: `tag:KEY` and `PingStatus` filters, each matching any of its Values;
 * - pages by `MaxResults` (5-50, default 50) and `NextToken`.
 */
export function createFakeSsm(instances: FakeManagedInstance[]) {
  const service: FakeService = {
    DescribeInstanceInformation: (input) => {
      const filters = (input.Filters as { Key: string; Values: string[] }[] | undefined) ?? [];
      const tagFilters = filters.filter((f) => f.Key.startsWith("tag:"));
      if (tagFilters.length > 0 && tagFilters.length < filters.length) {
        throw new FakeAwsError(
          "ValidationException",
          "Cannot mix tag or inventory filter with any other filter.",
        );
      }
      const size = Number(input.MaxResults ?? 50);
      if (size < 5 || size > 50) {
        throw new FakeAwsError("ValidationException", "MaxResults must be between 5 and 50");
      }
      const matching = instances.filter((instance) =>
        filters.every((f) =>
          f.Key.startsWith("tag:")
            ? f.Values.includes(instance.tags[f.Key.slice(4)])
            : f.Key === "PingStatus"
              ? f.Values.includes(instance.PingStatus)
              : false,
        ),
      );
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
      const page = matching.slice(start, start + size);
      const end = start + page.length;
      return {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        InstanceInformationList: page.map(({ tags, ...info }) => info),
        ...(end < matching.length ? { NextToken: String(end) } : {}),
      };
    },
  };
  return { service, instances };
}
