import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["bin/", "policies/bin/", "node_modules/", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Allowed: the Pulumi runtime's settings (not in its typings), and a strategy module's lazy
      // load of its component (so cost/doctor never load @pulumi/*; see strategies/strategyModule.ts).
      "@typescript-eslint/no-require-imports": [
        "error",
        { allow: ["/runtime/settings$", "^\\./\\w+Access$"] },
      ],
    },
  },
);
