import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { RememberedConsents } from '../consents/remembered-consents.service';
import { ConsentRequestsService } from '../interaction/consent-requests.service';
import { LoginRequestsService } from '../interaction/login-requests.service';
import { ConsentRequestsController } from './consent-requests.controller';
import { LoginRequestsController } from './login-requests.controller';
import { SubjectConsentsController } from './subject-consents.controller';

/**
 * The admin listener (port 3100, 127.0.0.1 by default): the login/consent challenge API login-ui
 * uses in step 2. It is a second Nest application over the same service instances as the public one,
 * so both listeners share one database and one state, while no admin route exists on the public port.
 *
 * It logs through the public application's logger (the same pino instance, FlowLogModule), given
 * as a value like the services, and NOT through a FlowLogModule of its own, and app.setup.ts asks
 * useFlowLogging for no request lines: those show each request's path, and the admin API's paths
 * carry the login and consent challenges (`/admin/login-requests/<challenge>`), which are bearer
 * secrets. Its log lines are the step 2 hops of ChallengeHops, with the challenges shortened.
 */
@Module({})
export class AdminModule {
  static register(publicApp: INestApplicationContext): DynamicModule {
    return {
      module: AdminModule,
      controllers: [LoginRequestsController, ConsentRequestsController, SubjectConsentsController],
      providers: [
        { provide: Logger, useValue: publicApp.get<typeof Logger, Logger>(Logger) },
        {
          provide: AUTH_SERVER_CONFIG,
          useValue: publicApp.get<symbol, AuthServerConfig>(AUTH_SERVER_CONFIG),
        },
        {
          provide: LoginRequestsService,
          useValue: publicApp.get<typeof LoginRequestsService, LoginRequestsService>(
            LoginRequestsService,
          ),
        },
        {
          provide: ConsentRequestsService,
          useValue: publicApp.get<typeof ConsentRequestsService, ConsentRequestsService>(
            ConsentRequestsService,
          ),
        },
        {
          provide: RememberedConsents,
          useValue: publicApp.get<typeof RememberedConsents, RememberedConsents>(
            RememberedConsents,
          ),
        },
      ],
    };
  }
}
