import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TokenValidationComparison } from '@oauth-flow-lab/contracts';
import { logSafe } from '@oauth-flow-lab/flow-log';
import {
  compareTokenValidations,
  IntrospectionReport,
  JwtReport,
  TOKEN_REPORT,
  type TokenReport,
} from '@oauth-flow-lab/token-reports';

/**
 * Validates one token both ways, with the guards' own checks (the mode the API uses is
 * TOKEN_REPORT's), and logs one line for it at debug: a look at step 6, not a step of the flow.
 * Its introspection request is a real one, logged as a step 6 hop like the guard's.
 */
@Injectable()
export class TokenValidationReporter {
  private readonly logger = new Logger(TokenValidationReporter.name);

  constructor(
    private readonly jwt: JwtReport,
    private readonly introspection: IntrospectionReport,
    @Inject(TOKEN_REPORT) private readonly inUse: TokenReport,
  ) {}

  async compare(token: string, requiredScope: string): Promise<TokenValidationComparison> {
    const comparison = await compareTokenValidations(
      { jwt: this.jwt, introspection: this.introspection, inUse: this.inUse },
      token,
      requiredScope,
    );
    const said = (valid: boolean, error?: string) => (valid ? 'valid' : (error ?? 'invalid'));
    this.logger.debug(
      `token validation compared for scope ${logSafe(requiredScope)}: jwt ${said(comparison.jwt.valid, comparison.jwt.error)} ` +
        `(${comparison.jwt.ms} ms), introspection ${said(comparison.introspection.valid, comparison.introspection.error)} ` +
        `(${comparison.introspection.ms} ms)`,
    );
    return comparison;
  }
}
