/** `1,460`, `0.5`, `2,667`: grouped, at most `decimals` decimals, no float artefacts. */
export function formatNumber(value: number, decimals = 2): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

/** "1 NAT gateway", "3 NAT gateways", "1,000 transitions"; units like GB never take an s. */
export function plural(count: number, noun: string): string {
  const invariable = /^(GB|TB|MB|vCPU)$/.test(noun);
  return `${formatNumber(count)} ${noun}${count === 1 || invariable ? "" : "s"}`;
}

/** A unit price such as `$0.00370275`: up to six significant digits, never exponent notation. */
export function formatPrice(value: number): string {
  return `$${value.toLocaleString("en-US", { maximumSignificantDigits: 6, useGrouping: false })}`;
}

/**
 * Drops binary floating-point noise from a computed amount (0.0037027500000000003 →
 * 0.00370275) while keeping every digit a price or a quantity really has.
 */
export function withoutFloatNoise(value: number): number {
  return Number(value.toPrecision(12));
}
