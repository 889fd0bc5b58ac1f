/**
 * One look-up per key whatever its letter case: IAM service prefixes, action names and condition
 * keys are case-insensitive (IAM User Guide, "IAM JSON policy elements: Action" and
 * "Condition"), so `IAM:PassRole` and `iam:passrole` share an answer. The look-up is given the
 * key in lower case; the promise is kept, so concurrent callers wait for the same answer.
 */
export function memoiseIgnoringCase<T>(
  lookUp: (key: string) => Promise<T>,
): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    const normalised = key.toLowerCase();
    let found = cache.get(normalised);
    if (!found) {
      found = lookUp(normalised);
      cache.set(normalised, found);
    }
    return found;
  };
}
