import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JwksKeyProvider } from '@oauth-flow-lab/resource-guards';

/**
 * "JWKS loaded": resource-api holds a key set from auth-server's JWKS URL, so step 6 can verify
 * access tokens. With none cached yet, the check fetches it through the guards' own JwksKeyProvider
 * (the same cache, within the same FetchBudget, logged as the usual step 6 JWKS fetch line), so the
 * first health check also warms the cache the first token will use. Once a set is held it stays up
 * without fetching, even while auth-server is away: the guards keep using that set (case 37).
 * Down only when there is no set and auth-server's JWKS cannot be fetched.
 */
@Injectable()
export class JwksHealthIndicator {
  constructor(
    private readonly keys: JwksKeyProvider,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isLoaded<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      const keys = await this.keys.loadedKeyCount();
      return keys > 0
        ? indicator.up({ keys })
        : indicator.down({ keys, message: "auth-server's JWKS has no key" });
    } catch {
      return indicator.down({ message: "auth-server's JWKS cannot be fetched and none is cached" });
    }
  }
}
