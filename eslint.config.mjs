// Lint: typescript-eslint's recommended rules, plus the rule that keeps SDK arguments compiler-checked.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "**/node_modules/", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `{ ... } as aws.lambda.FunctionArgs` switches off excess-property checks; `satisfies` keeps them.
      "@typescript-eslint/consistent-type-assertions": [
        "error",
        { assertionStyle: "as", objectLiteralTypeAssertions: "never" },
      ],
      // Cloud SDKs are loaded with require() inside each component so that an AWS-only program never loads the
      // others (and a missing optional SDK is a ConfigError, not a crash at import time).
      "@typescript-eslint/no-require-imports": "off",
      // Unused names are a type error already (tsconfig noUnusedLocals/noUnusedParameters).
      "@typescript-eslint/no-unused-vars": "off",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Tests and the benchmark build deliberately wrong or partial inputs.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/consistent-type-assertions": "off",
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
);
