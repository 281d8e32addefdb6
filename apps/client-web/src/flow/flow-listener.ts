import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClientFlowEvents, type ClientFlowEvent } from '../client-flow.events';
import type { RefreshResult } from '../tokens/refresh-access-token';
import { EXPIRY_MARGIN_SECONDS, REFRESHED } from '../tokens/fresh-access-token.service';
import type { TokenEndpointAnswer } from '../client-flow.events';
import {
  authorizationRequestEntry,
  authorizationResponseEntry,
} from './entries/front-channel.entries';
import { apiCallEntry } from './entries/resource-api.entries';
import {
  codeExchangeEntry,
  refreshRequestEntry,
  revocationAnswer,
  revocationEntry,
  tokenResponseEntry,
} from './entries/token-endpoint.entries';
import { FlowRecorder } from './flow-recorder.service';

/**
 * The teaching side of client-web's steps (demo mode only): each event the protocol raises
 * (client-flow.events.ts) becomes an entry of the flow, one line in the logs and one event in the
 * browser's session for GET /flow (FlowRecorder). A new authorization request starts a new flow,
 * named after its state; the callback joins the flow of the request it answers.
 */
@Injectable()
export class FlowListener implements OnModuleInit {
  constructor(
    private readonly events: ClientFlowEvents,
    private readonly recorder: FlowRecorder,
  ) {}

  onModuleInit(): void {
    this.events.on((event) => this.record(event));
  }

  private record(event: ClientFlowEvent): void {
    const req = event.request;
    switch (event.type) {
      case 'authorization-requested':
        this.recorder.startFlow(req, event.sent.state);
        this.recorder.record(req, authorizationRequestEntry(event.sent));
        return;
      case 'authorization-response-checked':
        this.recorder.joinFlowOf(event.pendingState);
        this.recorder.recordResponse(
          req,
          event.query['state'],
          authorizationResponseEntry(
            { callbackUrl: event.callbackUrl, query: event.query },
            event.refused,
          ),
        );
        return;
      case 'code-exchanged':
        this.recorder.record(req, codeExchangeEntry(event, event.answer));
        return;
      case 'token-response-checked':
        this.recorder.record(
          req,
          tokenResponseEntry(
            event.tokenEndpoint,
            'authorization_code',
            event.tokens,
            event.verdict,
          ),
        );
        return;
      case 'access-token-refreshed': {
        // Parallel page loads of one session share the refresh: its lines are logged once.
        const { tokenEndpoint, reason, result } = event;
        const why = `${REFRESHED[reason]}${WHY[reason]}`;
        this.recorder.record(
          req,
          refreshRequestEntry(tokenEndpoint, why, answerOf(result)),
          result,
        );
        if (result.kind === 'refreshed') {
          const verdict = { kind: 'accepted', idToken: 'not checked' } as const;
          this.recorder.record(
            req,
            tokenResponseEntry(tokenEndpoint, 'refresh_token', result.tokens, verdict),
            result.tokens,
          );
        }
        return;
      }
      case 'token-revoked':
        this.recorder.record(
          req,
          revocationEntry(
            event.revocationEndpoint,
            event.tokenTypeHint,
            revocationAnswer(event.revocation),
          ),
        );
        return;
      case 'resource-api-called':
        this.recorder.record(req, apiCallEntry(event, event.answer));
        return;
    }
  }
}

const WHY: Record<keyof typeof REFRESHED, string> = {
  expired: ' (known from expires_in; the client never reads the token itself).',
  expiring: ` (within ${EXPIRY_MARGIN_SECONDS} s, known from expires_in).`,
  rejected: ' (401 invalid_token, RFC 6750 §3.1): one refresh, then the call once more.',
};

function answerOf(result: RefreshResult): TokenEndpointAnswer {
  switch (result.kind) {
    case 'refreshed':
      return { kind: 'answered', status: 200 };
    case 'refused':
      return {
        kind: 'answered',
        status: result.status,
        error: result.error,
        description: result.description,
      };
    case 'unavailable':
      return { kind: 'unreachable', reason: result.reason };
  }
}
