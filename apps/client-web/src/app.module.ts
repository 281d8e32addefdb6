import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import { initializeDatabase, PeriodicPurge } from '@oauth-flow-lab/database';
import { FlowLogModule } from '@oauth-flow-lab/flow-log';
import { AcceptTokenResponse } from './callback/accept-token-response';
import { AuthorizationResponseGuard } from './callback/authorization-response.guard';
import { CallbackController } from './callback/callback.controller';
import { ClientFlowEvents } from './client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from './config/client-web.config';
import { AuthServerGuard } from './connect/auth-server.guard';
import { AuthServerStrategy } from './connect/passport-oauth2.adapter';
import { AuthorizationRequestOnlyGuard } from './connect/authorization-request-only.guard';
import { ConnectController } from './connect/connect.controller';
import { CsrfGuard } from './csrf/csrf.guard';
import { CsrfService } from './csrf/csrf.service';
import { databaseOptions } from './database/database';
import { DisconnectController } from './disconnect/disconnect.controller';
import { FlowController } from './flow/flow.controller';
import { FlowListener } from './flow/flow-listener';
import { FlowOffController } from './flow/flow-off.controller';
import { FlowRecorder } from './flow/flow-recorder.service';
import { TokenChecksClient } from './flow/token-checks.client';
import { HealthController } from './health/health.controller';
import { HomeController } from './home/home.controller';
import { HomeService } from './home/home.service';
import { JwtOrIntrospectionController } from './jwt-or-introspection/jwt-or-introspection.controller';
import { JwtOrIntrospectionService } from './jwt-or-introspection/jwt-or-introspection.service';
import { TokenValidationClient } from './jwt-or-introspection/token-validation.client';
import { CreateNoteService } from './notes/create-note.service';
import { NotesController } from './notes/notes.controller';
import { ResourceApiClient } from './notes/resource-api.client';
import { IdTokenSignature } from './oidc/id-token-signature';
import { IdTokenVerifier } from './oidc/id-token-verifier';
import { ConnectionService } from './session/connection.service';
import { purgeExpiredSessions } from './session/purge-expired-sessions';
import { SaveSessionBeforeRedirect } from './session/save-session-before-redirect.interceptor';
import { SESSION_STORE } from './session/session.middleware';
import { createSessionStore } from './session/session.store';
import { StoredSession } from './session/stored-session.entity';
import { FreshAccessTokenService } from './tokens/fresh-access-token.service';
import { SingleRefreshPerSession } from './tokens/single-refresh-per-session';

/**
 * client-web's only state is the sessions, kept in its sqlite file (DATABASE_PATH; the schema from
 * database/migrations, run at start) by the store session/session.store.ts creates, so they survive
 * a restart (docs/security-cases.md, case 40), and deleted once expired (PeriodicPurge, case 44).
 * Logs go through flow-log (pino): one line per protocol hop, with the flow id (flow/).
 * GET /health (terminus) answers 200 while it serves and its database answers (see
 * health/health.controller.ts for why it checks nothing more).
 */
@Module({})
export class AppModule {
  /** `logDestination` (default stdout) lets a test read the log lines. */
  static register(config: ClientWebConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PassportModule,
        FlowLogModule.forService('client-web', config.log, logDestination),
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(config.database),
          dataSourceFactory: (options) =>
            initializeDatabase(options ?? databaseOptions(config.database)),
        }),
        TypeOrmModule.forFeature([StoredSession]),
        TerminusModule,
      ],
      controllers: [
        HomeController,
        ConnectController,
        CallbackController,
        NotesController,
        DisconnectController,
        HealthController,
        // Demo mode only: the flow view and the "JWT or introspection?" experiment.
        ...(config.demoMode ? [FlowController, JwtOrIntrospectionController] : [FlowOffController]),
      ],
      providers: [
        // A changed session is in the store before a redirect leaves (session-lifecycle.ts).
        { provide: APP_INTERCEPTOR, useClass: SaveSessionBeforeRedirect },
        { provide: CLIENT_WEB_CONFIG, useValue: config },
        {
          provide: SESSION_STORE,
          useFactory: createSessionStore,
          inject: [getRepositoryToken(StoredSession)],
        },
        // Expired sessions deleted every PURGE_INTERVAL_SECONDS (docs/security-cases.md, case 44).
        PeriodicPurge.provider(config.purgeIntervalSeconds, [purgeExpiredSessions]),
        AuthServerStrategy,
        AuthServerGuard,
        AuthorizationRequestOnlyGuard,
        AuthorizationResponseGuard,
        ConnectionService,
        CsrfService,
        CsrfGuard,
        HomeService,
        ResourceApiClient,
        CreateNoteService,
        SingleRefreshPerSession,
        FreshAccessTokenService,
        IdTokenSignature,
        IdTokenVerifier,
        AcceptTokenResponse,
        ClientFlowEvents,
        // Demo mode only: the teaching listens to the protocol's events (client-flow.events.ts):
        // the step lines and the flow view, resource-api's report after each API call.
        ...(config.demoMode
          ? [
              FlowRecorder,
              FlowListener,
              TokenChecksClient,
              TokenValidationClient,
              JwtOrIntrospectionService,
            ]
          : []),
      ],
    };
  }
}
