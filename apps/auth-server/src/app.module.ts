import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { initializeDatabase, PeriodicPurge } from '@oauth-flow-lab/database';
import { RedisModule } from '@oauth-flow-lab/redis';
import { FlowLogModule } from '@oauth-flow-lab/flow-log';
import { AfterConsentController } from './authorize/after-consent.controller';
import { AfterLoginController } from './authorize/after-login.controller';
import { AuthorizeController } from './authorize/authorize.controller';
import { AuthorizeHops } from './authorize/authorize.hops';
import { ContinueAfterConsent } from './authorize/continue-after-consent';
import { ContinueAfterLogin } from './authorize/continue-after-login';
import { StartAuthorization } from './authorize/start-authorization';
import { ClientsService } from './clients/clients.service';
import { RememberedConsents } from './consents/remembered-consents.service';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from './config/auth-server.config';
import { databaseOptions, ENTITIES } from './database/database';
import { AUTH_SERVER_PURGES } from './database/purges';
import { HealthController } from './health/health.controller';
import { SigningKeyHealthIndicator } from './health/signing-key.health';
import { ChallengeHops } from './interaction/challenge.hops';
import { ConsentRequestsService } from './interaction/consent-requests.service';
import { InteractionStore } from './interaction/interaction-store';
import { LoginRequestsService } from './interaction/login-requests.service';
import { JwksController } from './keys/jwks.controller';
import { SigningKeysService } from './keys/signing-keys.service';
import { MetadataController } from './metadata/metadata.controller';
import { IdTokenIssuer } from './oidc/id-token-issuer';
import { OpenIdConfigurationController } from './oidc/openid-configuration.controller';
import { UserInfo } from './oidc/userinfo';
import { UserInfoController } from './oidc/userinfo.controller';
import { Seeder } from './seeds/seeder';
import { ClientAuthentication } from './token/client-authentication';
import { AuthorizationCodeGrant } from './token/grants/authorization-code.grant';
import { RefreshTokenGrant } from './token/grants/refresh-token.grant';
import { ClientCredentialsGrant } from './token/grants/client-credentials.grant';
import { TokenController } from './token/token.controller';
import { RevocationController } from './revocation/revocation.controller';
import { IntrospectionController } from './introspection/introspection.controller';
import { TokenIntrospection } from './introspection/token-introspection';
import { TokenRevocation } from './revocation/token-revocation';
import { TokenEndpoint } from './token/token-endpoint';
import { TokenHops } from './token/token.hops';
import { AccessTokenIssuer } from './tokens/access-token-issuer';
import { AccessTokenRevocations } from './tokens/access-token-revocations';
import { AccessTokenVerifier } from './tokens/access-token-verifier';
import { RefreshTokenStore } from './tokens/refresh-token-store';

/**
 * auth-server's public application: discovery, JWKS, /authorize (steps 1-2) and /token (steps 3-4).
 * It also holds the services of the login/consent challenge API, which AdminModule serves on the
 * separate admin listener.
 * Logs go through pino (FlowLogModule): one line per protocol hop (the *.hops.ts files).
 * GET /health (terminus) says whether the database answers and a signing key is loaded.
 */
@Module({})
export class AppModule {
  /** `logDestination` (default stdout) lets a test read the logs. */
  static register(config: AuthServerConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FlowLogModule.forService('auth-server', config.log, logDestination, 'fastify'),
        // The schema is brought up to date before anything uses the database (migrations under a
        // lock on PostgreSQL, where replicas may start together: libs/database).
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(config.database),
          dataSourceFactory: (options) =>
            initializeDatabase(options ?? databaseOptions(config.database)),
        }),
        TypeOrmModule.forFeature(ENTITIES),
        // REDIS_URL: the failure counters every replica shares (null without it).
        RedisModule.forRoot(config.redisUrl),
        TerminusModule,
      ],
      controllers: [
        MetadataController,
        JwksController,
        AuthorizeController,
        AfterLoginController,
        AfterConsentController,
        TokenController,
        RevocationController,
        IntrospectionController,
        OpenIdConfigurationController,
        UserInfoController,
        HealthController,
      ],
      providers: [
        { provide: AUTH_SERVER_CONFIG, useValue: config },
        Seeder,
        SigningKeysService,
        ClientsService,
        InteractionStore,
        StartAuthorization,
        ContinueAfterLogin,
        ContinueAfterConsent,
        AuthorizeHops,
        ChallengeHops,
        TokenHops,
        LoginRequestsService,
        ConsentRequestsService,
        RememberedConsents,
        ClientAuthentication,
        TokenEndpoint,
        AuthorizationCodeGrant,
        RefreshTokenGrant,
        ClientCredentialsGrant,
        AccessTokenIssuer,
        AccessTokenRevocations,
        RefreshTokenStore,
        AccessTokenVerifier,
        TokenRevocation,
        TokenIntrospection,
        IdTokenIssuer,
        UserInfo,
        SigningKeyHealthIndicator,
        // Expired requests, codes, tokens and revocations deleted every PURGE_INTERVAL_SECONDS.
        PeriodicPurge.provider(config.purgeIntervalSeconds, AUTH_SERVER_PURGES),
      ],
    };
  }
}
