import { PolicyPack } from "@pulumi/policy";
import { deserializeOncePerRequest } from "./lib/deserializeOnce";
import { limitHeapGrowth } from "./lib/heapGrowth";
import { PACK_POLICIES } from "./pack";

// Each request's properties are deserialized once for all rules (lib/deserializeOnce.ts).
deserializeOncePerRequest();
// Full collections come sooner, so a large stack's AnalyzeStack peaks lower (lib/heapGrowth.ts).
limitHeapGrowth();
// Constructing the pack starts its analyzer gRPC server; only this entry file does that.
new PolicyPack("fargate-access", { policies: PACK_POLICIES });
