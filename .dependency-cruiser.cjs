// The layering rule (npm test): a folder of lib/ or components/ may import only folders of a
// lower layer, never one of its own layer or above. Layers are listed bottom-up; a folder not
// listed fails the check, so a new folder has to be placed on purpose. Tests (*.test.*) may
// reach any layer: they compose real services to set up what they check.
const LIB = [
  ["common", "runtime-input", "redact", "env", "generated", "lifecycle"],
  ["http", "logger", "hooks"],
  ["scope", "yaml", "db", "jobs"],
  ["audit", "kubernetes", "aws", "access", "limits"],
  ["resource"],
  ["secrets", "scopes", "auth", "delegates"],
  ["oidc"],
  ["connectors"],
  ["environments", "diagnosis", "health"],
  ["steps"],
  ["eks", "connection-test"],
  ["infrastructures"],
  ["gitops"],
  ["api", "delegate-process"],
];
const COMPONENTS = [
  ["ui"],
  ["forms", "lists"],
  ["yaml", "secrets", "shell", "scopes", "identity"],
  ["connection-test", "delegates"],
  ["connectors"],
  ["infrastructures"],
];

// `lib/env.ts` and `lib/env/…` are the same unit.
const unit = (root, name) => `^${root}/${name}(/|\\.tsx?$)`;
const anyOf = (root, names) => `^${root}/(${names.join("|")})(/|\\.tsx?$)`;
const notTest = "\\.test\\.tsx?$";

function layerRules(root, layers) {
  const rules = [];
  layers.forEach((layer, i) => {
    const above = layers.slice(i + 1).flat();
    for (const name of layer) {
      const sameLayer = layer.filter((n) => n !== name);
      const forbidden = [...above, ...sameLayer];
      if (!forbidden.length) continue;
      rules.push({
        name: `${root}/${name} imports only lower layers`,
        severity: "error",
        from: { path: unit(root, name), pathNot: notTest },
        to: { path: anyOf(root, forbidden) },
      });
    }
  });
  const known = layers.flat();
  rules.push({
    name: `${root}: every folder has a layer`,
    comment: `Add the new folder to a layer in .dependency-cruiser.cjs and to docs/architecture.md.`,
    severity: "error",
    from: { path: `^${root}/`, pathNot: [anyOf(root, known), notTest, `^${root}/[^/]+\\.test\\.tsx?$`] },
    to: {},
  });
  return rules;
}

module.exports = {
  forbidden: [
    ...layerRules("lib", LIB),
    ...layerRules("components", COMPONENTS),
    {
      name: "lib never imports the UI",
      severity: "error",
      from: { path: "^lib/", pathNot: notTest },
      to: { path: "^(components|app)/" },
    },
    {
      name: "components never import pages or routes",
      severity: "error",
      from: { path: "^components/", pathNot: notTest },
      to: { path: "^app/" },
    },
    {
      name: "no import cycles",
      severity: "error",
      from: { pathNot: notTest },
      to: { circular: true, viaOnly: { pathNot: notTest } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|lib/generated)" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
