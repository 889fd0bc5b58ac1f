/** Analyzer enforcement levels, in the order of the protocol's enum (pulumi/proto analyzer.proto). */
export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

/** `--policy-pack-config` contents: rule name → level, or → properties (+ optional level). */
export type PolicyPackConfig = Record<
  string,
  string | ({ enforcementLevel?: string } & Record<string, unknown>)
>;
