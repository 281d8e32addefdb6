import { Inject, Injectable } from '@nestjs/common';
import { TokenValidationComparisonSchema } from '@oauth-flow-lab/contracts';
import { flowHeaders } from '@oauth-flow-lab/flow-log';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import type { ComparisonAnswer } from './validation-experiment';

const TIMEOUT_MS = 5000;

/**
 * Step 6 made visible two ways, for the "JWT or introspection?" page: client-web sends its access
 * token to resource-api's `POST /debug/token-validation` (libs/contracts token-validation.ts), which
 * validates it as a JWT with auth-server's keys and by asking auth-server's /introspect, and says
 * what each way found and how long it took. resource-api serves it only in demo mode (DEMO_MODE);
 * otherwise the route does not exist (404) and the page says so. client-web decides nothing from
 * the answer: it only shows it. Never throws.
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
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...flowHeaders(),
        },
        // The token is what the request is about (RFC 7662's `token`), so it goes in the body.
        body: JSON.stringify({ token: accessToken, required_scope: requiredScope }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      return { kind: 'no-comparison', reason: 'resource-api could not be reached' };
    }
    if (response.status === 404) {
      return { kind: 'demo-mode-off' };
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
