// Next's recommended rules (React, hooks, accessibility, Core Web Vitals) with TypeScript.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { FOLDERS, LAYERS } from "./scripts/layers.mjs";

// The layering (scripts/layers.mjs) as import/no-restricted-paths zones, which resolve `@/` and
// relative paths alike: a folder importing from one it may not fails lint, naming both.
const layerZones = FOLDERS.flatMap((target) =>
  FOLDERS.filter((from) => from !== target && !LAYERS[target].includes(from)).map((from) => ({
    target: `./${target}`,
    from: `./${from}`,
    message: `${target} may not import from ${from}: see the layering in scripts/layers.mjs.`,
  })),
);

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
  {
    files: ["app/**", "components/**", "lib/**"],
    rules: { "import/no-restricted-paths": ["error", { zones: layerZones }] },
  },
  { ignores: [".next/**", "generated/**", "node_modules/**", "bench/results/**", "next-env.d.ts", ".tmp/**"] },
];

export default config;
