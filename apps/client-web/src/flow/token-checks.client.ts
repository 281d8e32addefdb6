import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TokenChecksReportSchema } from '@oauth-flow-lab/contracts';
import { flowHeaders } from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import { type Dispatcher, request } from 'undici';
import { ClientFlowEvents } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { type TokenChecksAnswer, tokenChecksEntry } from './entries/resource-api.entries';
import { FlowRecorder } from './flow-recorder.service';

const TIMEOUT_MS = 5000;

const NOT_AUTHENTICATED =
  'HTTP 401: resource-api reports only on a token that authenticates its caller; step 5 says why this one does not';

/**
 * Step 6 made visible, for the flow view only (demo mode): right after a step 5 call
 * (`resource-api-called`, once resource-api answered), client-web sends the same
 * access token to resource-api's `POST /debug/token-checks` (libs/contracts token-checks.ts) and
 * records the report of every check resource-api makes (signature, iss, aud, exp, scope...).
 * resource-api serves it only in demo mode (DEMO_MODE); otherwise the route does not exist (404)
 * and the flow view says so. The token is client-web's credential there too: one resource-api
 * refused at step 5 as expired or forged gets 401 and no report (docs/security-cases.md, case 53).
 * client-web shows the report and decides nothing from it.
 * Through undici's `request`, as ResourceApiClient calls resource-api (it says why).
 */
@Injectable()
export class TokenChecksClient implements OnModuleInit {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly events: ClientFlowEvents,
    private readonly recorder: FlowRecorder,
  ) {}

  onModuleInit(): void {
    this.events.on((event) =>
      event.type === 'resource-api-called' && event.answer.kind === 'answered'
        ? this.record(event.request, event.accessToken, event.requiredScope)
        : undefined,
    );
  }

  async record(req: Request, accessToken: string, requiredScope: string): Promise<void> {
    const url = `${this.config.resourceApiUrl}/debug/token-checks`;
    const answer = await this.ask(url, accessToken, requiredScope);
    this.recorder.record(req, tokenChecksEntry({ url, accessToken, requiredScope }, answer));
  }

  private async ask(
    url: string,
    accessToken: string,
    requiredScope: string,
  ): Promise<TokenChecksAnswer> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json',
          ...flowHeaders(),
        },
        body: JSON.stringify({ required_scope: requiredScope }),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
    } catch {
      return { kind: 'no-report', reason: 'resource-api could not be reached' };
    }
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      if (response.statusCode === 404) {
        return { kind: 'demo-mode-off' };
      }
      return {
        kind: 'no-report',
        reason:
          response.statusCode === 401
            ? NOT_AUTHENTICATED
            : `resource-api answered HTTP ${response.statusCode}`,
      };
    }
    const report = TokenChecksReportSchema.safeParse(await response.body.json().catch(() => null));
    return report.success
      ? { kind: 'report', report: report.data }
      : { kind: 'no-report', reason: 'resource-api answered something other than a report' };
  }
}
