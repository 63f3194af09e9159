// Next's recommended rules (React, hooks, accessibility, Core Web Vitals) with TypeScript.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error", "log", "table"] }],
    },
  },
  { ignores: [".next/**", "generated/**", "node_modules/**", "bench/results/**", "next-env.d.ts", ".tmp/**"] },
];

export default config;
