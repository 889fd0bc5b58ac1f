import { FakeAwsError, FakeService } from "./fakeService";

/**
 * A strict fake of the SSM operations the Session Manager strategy uses (the cleanup function,
 * the doctor, the printed start command). Each rule below is what AWS documents, with its source;
 * a test that breaks one of them gets the error the service would return.
 *
 * Sources:
 * - SDK model docs: node_modules/@aws-sdk/client-ssm/dist-types/models/models_0.d.ts
 *   (DescribeInstanceInformationRequest, InstanceInformationStringFilter) and the `@throws` lists in
 *   dist-types/commands/*Command.d.ts.
 * - The SSM API model (the JSON the SDKs are generated from): DescribeInstanceInformation's
 *   MaxResults is shape MaxResultsEC2Compatible (integer, min 5, max 50); DescribeActivations'
 *   is shape MaxResults (min 1, max 50); a filter's Values list holds 1 to 100 values.
 * - StartSession: TargetNotConnected when the managed node "isn't fully configured for use with
 *   Session Manager" (not Online); SendCommand: InvalidInstanceId when "SSM Agent isn't
 *   running" (StartSessionCommand.d.ts, SendCommandCommand.d.ts `@throws`).
 */

export interface FakeTag {
  Key: string;
  Value: string;
}

export interface FakeManagedInstance {
  InstanceId: string;
  PingStatus: "Online" | "ConnectionLost" | "Inactive";
  LastPingDateTime?: Date;
  ActivationId?: string;
  IamRole?: string;
  ResourceType?: string;
  /** Copied from the activation at registration (SSM user guide, "Tagging managed nodes"). */
  Tags: FakeTag[];
}

export interface FakeActivation {
  ActivationId: string;
  IamRole: string;
  Expired: boolean;
  RegistrationLimit: number;
  RegistrationsCount: number;
  Tags: FakeTag[];
}

/** What the fake holds; tests read it to assert outcomes. */
export interface FakeSsmState {
  instances: Map<string, FakeManagedInstance>;
  activations: Map<string, FakeActivation>;
}

interface StringFilter {
  Key?: string;
  Values?: string[];
}

function fail(code: string, message: string, status = 400): never {
  throw new FakeAwsError(code, message, status);
}

/** Tag filters are `tag:<key>` or `tag-key` (InstanceInformationStringFilter docs). */
function isTagFilter(key: string): boolean {
  return key.startsWith("tag:") || key === "tag-key";
}

/** Valid keys, from InstanceInformationStringFilter.Key's doc ("Valid filter key values: …"). */
const INSTANCE_FILTER_KEYS = new Set([
  "ActivationIds",
  "AgentVersion",
  "AssociationStatus",
  "IamRole",
  "InstanceIds",
  "PingStatus",
  "PlatformTypes",
  "ResourceType",
  "SourceIds",
  "SourceTypes",
]);

function instanceMatches(instance: FakeManagedInstance, filter: StringFilter): boolean {
  const key = filter.Key ?? "";
  const values = filter.Values ?? [];
  if (key === "tag-key") {
    return instance.Tags.some((tag) => values.includes(tag.Key));
  }
  if (key.startsWith("tag:")) {
    const tagKey = key.slice("tag:".length);
    return instance.Tags.some((tag) => tag.Key === tagKey && values.includes(tag.Value));
  }
  const field: Record<string, string | undefined> = {
    ActivationIds: instance.ActivationId,
    IamRole: instance.IamRole,
    InstanceIds: instance.InstanceId,
    PingStatus: instance.PingStatus,
    ResourceType: instance.ResourceType ?? "ManagedInstance",
  };
  return values.includes(field[key] ?? "");
}

/**
 * Pages through `items` with opaque tokens the way SSM does: the token is only valid for the
 * same query; anything else is `InvalidNextToken` (listed in the commands' `@throws`).
 */
function paginate<T>(
  items: T[],
  input: Record<string, unknown>,
  limits: { min: number; max: number; fallback: number },
  operation: string,
): { page: T[]; NextToken?: string } {
  const maxResults = input.MaxResults as number | undefined;
  if (
    maxResults !== undefined &&
    (!Number.isInteger(maxResults) || maxResults < limits.min || maxResults > limits.max)
  ) {
    // Out of the documented range: SSM's validation layer answers ValidationException.
    fail(
      "ValidationException",
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between ${limits.min} and ${limits.max}`,
    );
  }
  const size = maxResults ?? limits.fallback;
  let start = 0;
  const token = input.NextToken as string | undefined;
  if (token !== undefined) {
    const match = new RegExp(`^${operation}:(\\d+)$`).exec(token);
    if (!match) fail("InvalidNextToken", "The specified token isn't valid.");
    start = Number(match[1]);
  }
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? `${operation}:${start + size}` : undefined;
  return next ? { page, NextToken: next } : { page };
}

/** Builds the fake SSM service over `state`. */
export function fakeSsm(state: FakeSsmState): FakeService {
  return {
    DescribeInstanceInformation(input) {
      const filters = (input.Filters as StringFilter[] | undefined) ?? [];
      if (input.InstanceInformationFilterList !== undefined && filters.length > 0) {
        // Request docs: "Attempting to use InstanceInformationFilterList and Filters leads to an exception error."
        fail("ValidationException", "InstanceInformationFilterList and Filters can't be combined.");
      }
      for (const filter of filters) {
        const key = filter.Key ?? "";
        if (!isTagFilter(key) && !INSTANCE_FILTER_KEYS.has(key)) {
          fail("InvalidFilterKey", `The specified key isn't valid: ${key}`);
        }
        if (!filter.Values || filter.Values.length === 0 || filter.Values.length > 100) {
          fail("InvalidInstanceInformationFilterValue", `The filter ${key} needs 1 to 100 values.`);
        }
      }
      const tagFilters = filters.filter((f) => isTagFilter(f.Key ?? ""));
      if (tagFilters.length > 0 && tagFilters.length < filters.length) {
        // Filters doc: "Tag filters can't be combined with other filter types." The service's answer.
        fail("ValidationException", "Cannot mix tag or inventory filter with any other filter");
      }
      const found = [...state.instances.values()].filter((instance) =>
        filters.every((filter) => instanceMatches(instance, filter)),
      );
      // MaxResultsEC2Compatible: 5 to 50; the request doc: "The default value is 10 items."
      const { page, NextToken } = paginate(
        found,
        input,
        { min: 5, max: 50, fallback: 10 },
        "DescribeInstanceInformation",
      );
      // The response carries no tags: callers filter by them, they do not read them.
      const list = page.map((instance) => {
        const copy: Partial<FakeManagedInstance> = { ...instance };
        delete copy.Tags;
        return copy;
      });
      return { InstanceInformationList: list, ...(NextToken ? { NextToken } : {}) };
    },

    StartSession(input) {
      const instance = state.instances.get(String(input.Target));
      if (instance?.PingStatus !== "Online") {
        fail("TargetNotConnected", `${String(input.Target)} is not connected.`);
      }
      return {
        SessionId: `operator-${String(input.Target)}`,
        TokenValue: "token",
        StreamUrl: "wss://",
      };
    },

    SendCommand(input) {
      const ids = (input.InstanceIds as string[] | undefined) ?? [];
      for (const id of ids) {
        if (state.instances.get(id)?.PingStatus !== "Online") {
          fail("InvalidInstanceId", `Instances [[${id}]] not in a valid state for account.`);
        }
      }
      return { Command: { CommandId: `command-${ids.join("-")}`, InstanceIds: ids } };
    },

    DescribeActivations(input) {
      const filters =
        (input.Filters as { FilterKey?: string; FilterValues?: string[] }[] | undefined) ?? [];
      // DescribeActivationsFilterKeys (enums.d.ts): ActivationIds | DefaultInstanceName | IamRole.
      const keys = ["ActivationIds", "DefaultInstanceName", "IamRole"];
      for (const filter of filters) {
        if (!keys.includes(filter.FilterKey ?? "")) {
          fail("InvalidFilter", "The filter name isn't valid.");
        }
      }
      const found = [...state.activations.values()].filter((activation) =>
        filters.every((filter) => {
          const values = filter.FilterValues ?? [];
          if (filter.FilterKey === "ActivationIds") return values.includes(activation.ActivationId);
          if (filter.FilterKey === "IamRole") return values.includes(activation.IamRole);
          return true;
        }),
      );
      // Shape MaxResults: 1 to 50.
      const { page, NextToken } = paginate(
        found,
        input,
        { min: 1, max: 50, fallback: 50 },
        "DescribeActivations",
      );
      return {
        ActivationList: page.map((activation) => ({ ...activation })),
        ...(NextToken ? { NextToken } : {}),
      };
    },

    ListTagsForResource(input) {
      if (input.ResourceType !== "ManagedInstance") {
        // The fake holds managed instances only; other types are out of its scope.
        fail(
          "InvalidResourceType",
          `The fake knows ManagedInstance only, not ${input.ResourceType}.`,
        );
      }
      const instance = state.instances.get(String(input.ResourceId ?? ""));
      if (!instance) {
        // ListTagsForResourceCommand @throws InvalidResourceId.
        fail("InvalidResourceId", "The resource ID isn't valid.");
      }
      return { TagList: instance.Tags.map((tag) => ({ ...tag })) };
    },

    DeleteActivation(input) {
      const id = String(input.ActivationId ?? "");
      if (!state.activations.delete(id)) {
        // DeleteActivationCommand @throws InvalidActivationId / InvalidActivation ("might have been deleted").
        fail("InvalidActivationId", "The activation ID isn't valid.");
      }
      return {};
    },

    DeregisterManagedInstance(input) {
      const id = String(input.InstanceId ?? "");
      if (!id.startsWith("mi-") || !state.instances.delete(id)) {
        // DeregisterManagedInstanceCommand @throws InvalidInstanceId: unknown or already deregistered.
        fail("InvalidInstanceId", `Instance Id ${id} is not valid.`);
      }
      return {};
    },
  };
}

/** An empty state to fill in a test. */
export function emptySsmState(): FakeSsmState {
  return { instances: new Map(), activations: new Map() };
}
