import { PolicyPack } from "@pulumi/policy";
import { deserializeOncePerRequest } from "./lib/deserializeOnce";
import { PACK_POLICIES } from "./pack";

// Each request's properties are deserialized once for all rules (lib/deserializeOnce.ts).
deserializeOncePerRequest();
// Constructing the pack starts its analyzer gRPC server; only this entry file does that.
new PolicyPack("fargate-access", { policies: PACK_POLICIES });
