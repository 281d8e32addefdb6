import { Inject, Injectable } from '@nestjs/common';
import { TokenValidationComparisonSchema } from '@oauth-flow-lab/contracts';
import { flowHeaders } from '@oauth-flow-lab/flow-log';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import type { ComparisonAnswer } from './validation-experiment';

const TIMEOUT_MS = 5000;

const NOT_AUTHENTICATED =
  'HTTP 401: resource-api compares only a token that authenticates its caller, and this one no longer does (expired?)';

/**
 * Step 6 made visible two ways, for the "JWT or introspection?" page: client-web sends its access
 * token to resource-api's `POST /debug/token-validation` (libs/contracts token-validation.ts), which
 * validates it as a JWT with auth-server's keys and by asking auth-server's /introspect, and says
 * what each way found and how long it took. resource-api serves it only in demo mode (DEMO_MODE);
 * otherwise the route does not exist (404) and the page says so. It compares only the token its
 * caller authenticates with (RFC 6750 §2.1), so one that no longer does (expired) gets 401 and no
 * comparison. client-web decides nothing from the answer: it only shows it. Never throws.
 */
@Injectable()
export class TokenValidationClient {
  constructor(@Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig) {}

  async compare(accessToken: string, requiredScope: string): Promise<ComparisonAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.config.resourceApiUrl}/debug/token-validation`, {
        method: 'POST',
        headers: {
          // The token to compare is also client-web's credential: resource-api asks auth-server
          // about no token but the one its caller holds (docs/security-cases.md, case 53).
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...flowHeaders(),
        },
        body: JSON.stringify({ required_scope: requiredScope }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      return { kind: 'no-comparison', reason: 'resource-api could not be reached' };
    }
    if (response.status === 404) {
      return { kind: 'demo-mode-off' };
    }
    if (response.status === 401) {
      return { kind: 'no-comparison', reason: NOT_AUTHENTICATED };
    }
    if (response.status !== 200) {
      return { kind: 'no-comparison', reason: `resource-api answered HTTP ${response.status}` };
    }
    const comparison = TokenValidationComparisonSchema.safeParse(
      await response.json().catch(() => null),
    );
    return comparison.success
      ? { kind: 'comparison', comparison: comparison.data }
      : {
          kind: 'no-comparison',
          reason: 'resource-api answered something other than a comparison',
        };
  }
}
