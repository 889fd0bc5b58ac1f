import type { SharedConfig } from "../config/types";

/** Problems (refused) and warnings (reported) a strategy finds in the whole stack config. */
export interface ConfigFindings {
  problems: string[];
  warnings: string[];
}

/** What a strategy's config check sees beside its own section. */
export interface ConfigCheckContext {
  shared: SharedConfig;
  /** Whether `fargate-access:service` was set at all (a missing section is reported on its own). */
  serviceSet: boolean;
  /** The stack's `aws:region`, when known. */
  region?: string;
}
