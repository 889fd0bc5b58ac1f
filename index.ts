import { buildStack } from "./program";

// Every property of the exported object becomes a stack output (design.md §2 lists them).
export = buildStack();
