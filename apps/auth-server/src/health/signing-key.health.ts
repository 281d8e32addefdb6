import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SigningKeysService } from '../keys/signing-keys.service';

/**
 * Is a signing key loaded? Without one, step 4 cannot sign an access token or an id_token, and the
 * JWKS resource-api fetches in step 6 would have nothing to verify them with. It reads the key kept
 * in memory for signing (SigningKeysService), no database query: the active key is always in the
 * JWKS (publish before sign), so "a key signs" implies "the JWKS has a key". Its `kid` is public
 * (it is in the JWKS and in every token header), and shows a rotation taking effect.
 */
@Injectable()
export class SigningKeyHealthIndicator {
  constructor(
    private readonly signingKeys: SigningKeysService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  isLoaded<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      return indicator.up({ kid: this.signingKeys.activeKey().kid });
    } catch {
      return indicator.down({ message: 'no active signing key is loaded' });
    }
  }
}
