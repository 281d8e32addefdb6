// The demo's look at step 6 (resource-api's /debug routes, DEMO_MODE only): every check of an
// access token with what it found, and the same token validated both ways. Teaching code, tagged
// `type:demo`: it uses libs/resource-guards, which never uses it (Nx module boundaries).
export { compareTokenValidations, type TokenValidationWays } from './compare-token-validations';
export { inspectAccessToken } from './token-checks-report';
export { IntrospectionReport, JwtReport, TOKEN_REPORT, type TokenReport } from './token-report';
export { TokenReportsModule } from './token-reports.module';
