/**
 * A boolean as the provider reads it: `true`, or a string Go's strconv.ParseBool takes as true
 * ("1", "t", "T", "TRUE", "true", "True"), which is how the bridged provider converts strings.
 */
export function isTrue(value: unknown): boolean {
  return value === true || ["1", "t", "T", "TRUE", "true", "True"].includes(value as string);
}
