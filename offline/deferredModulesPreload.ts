// Loaded with `node --require` into the policy pack's process (analyzerClient.ts), whose working
// folder is the pack's: there too, Pulumi's unused modules load only when used.
import { deferPulumiModules } from "./deferredModules";

deferPulumiModules(process.cwd());
