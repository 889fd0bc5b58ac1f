import { PolicyPack } from "@pulumi/policy";
import { limitHeapGrowth } from "./lib/heapGrowth";
import {
  buildStackResourcesOncePerRequest,
  deserializeOncePerRequest,
  selectRules,
} from "./library";

// Each request's properties are deserialized once for all rules (lib/deserializeOnce.ts).
deserializeOncePerRequest();
// Each AnalyzeStack request's resources are built once for all stack rules
// (lib/stackResourcesOnce.ts); a @pulumi/policy of another shape is left as it is.
buildStackResourcesOncePerRequest();
// Full collections come sooner, so a large stack's AnalyzeStack peaks lower (lib/heapGrowth.ts).
limitHeapGrowth();
// The project's own pack is the library's first consumer: every rule, at its own level.
// Constructing the pack starts its analyzer gRPC server; only this entry file does that.
new PolicyPack("fargate-access", { policies: selectRules() });
