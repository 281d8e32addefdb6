// One ESLint config for the whole workspace. Each project's eslint.config.mjs re-exports it,
// which is how the Nx plugin infers a `lint` target per project.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Which kind of project may import which: the Nx module boundaries, enforced by lint. */
const depConstraints = [
  // Layers: an app may use features, utils and contracts but never another app (and, in its test
  // files, the testing lib that starts the four real services).
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:util',
      'type:contract',
      'type:testing',
      'type:demo',
    ],
  },
  // The cross-service tests talk to the apps over HTTP only; they may share the contracts.
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:testing'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:contract'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:util', 'type:contract'] },
  // Teaching code (the demo's reports): it may use the protocol's features, never the reverse.
  {
    sourceTag: 'type:demo',
    onlyDependOnLibsWithTags: ['type:feature', 'type:util', 'type:contract', 'type:testing'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contract'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
  // Scopes: each role sees only its own code and what is shared by all.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:auth-server',
    onlyDependOnLibsWithTags: ['scope:auth-server', 'scope:shared'],
  },
  { sourceTag: 'scope:login-ui', onlyDependOnLibsWithTags: ['scope:login-ui', 'scope:shared'] },
  { sourceTag: 'scope:client-web', onlyDependOnLibsWithTags: ['scope:client-web', 'scope:shared'] },
  {
    sourceTag: 'scope:resource-api',
    onlyDependOnLibsWithTags: ['scope:resource-api', 'scope:shared'],
  },
  { sourceTag: 'scope:flow-e2e', onlyDependOnLibsWithTags: ['scope:flow-e2e', 'scope:shared'] },
  { sourceTag: 'scope:flow-cli', onlyDependOnLibsWithTags: ['scope:flow-cli', 'scope:shared'] },
];

/**
 * The protocol acts, the teaching observes: a role's protocol files never import its teaching
 * code, which listens to the events the protocol raises or imports the protocol. Between
 * projects the `type:demo` tag above says it (libs/token-reports); inside a project these zones
 * do (the step log beside the guard, the /debug routes beside the notes). Paths from the
 * workspace root; spec files may use both.
 */
const RG = 'libs/resource-guards/src';
const teaching = [
  {
    target: [
      `${RG}/{checks,access-token.guard,authenticated.decorator,step-six.events,resource-guards.options}.ts`,
      `${RG}/{errors,introspection,jwt,keys,principal,scopes,token,validation}/!(*.spec).ts`,
    ],
    from: [`${RG}/logging`],
    message: 'step 6 protocol code must not import the step log; the log listens (StepSixEvents)',
  },
  {
    target: ['apps/resource-api/src/notes', 'apps/resource-api/src/health'],
    from: ['apps/resource-api/src/debug'],
    message: "resource-api's routes must not import the demo's /debug routes",
  },
  {
    target: [
      'apps/client-web/src/client-flow.events.ts',
      'apps/client-web/src/{callback,connect,csrf,disconnect,errors,home,notes,oidc,session,tokens}/**',
    ],
    from: ['apps/client-web/src/flow', 'apps/client-web/src/jwt-or-introspection'],
    message:
      "client-web's protocol must not import the flow view or the demo's experiment; they listen (ClientFlowEvents)",
  },
];

export default tseslint.config(
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/test-output', 'data/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.cts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints,
        },
      ],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },
  // No import cycle inside a project: a reader who follows the imports from a file never comes
  // back to it (Nx's module boundaries already refuse a cycle between projects). Relative imports
  // are followed; type-only imports are not counted by the rule, so keep those acyclic by review.
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.cjs', '**/*.cts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.cts', '.mjs', '.cjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.cts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.cts', '.mjs', '.cjs', '.js'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: teaching }],
    },
  },
  // TypeScript sources are linted with type information (each project's tsconfig.json).
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.objectContaining, ...) are typed `any`.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
