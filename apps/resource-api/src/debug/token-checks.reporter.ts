import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TokenChecksReport } from '@oauth-flow-lab/contracts';
import { logSafe } from '@oauth-flow-lab/flow-log';
import { inspectAccessToken, TOKEN_REPORT, type TokenReport } from '@oauth-flow-lab/token-reports';

/**
 * Makes the report with the guard's own checks (of the mode the API uses, TOKEN_REPORT) and logs one line for it at debug: a report is a look at step 6, not
 * a step of the flow.
 */
@Injectable()
export class TokenChecksReporter {
  private readonly logger = new Logger(TokenChecksReporter.name);

  constructor(@Inject(TOKEN_REPORT) private readonly validation: TokenReport) {}

  async report(token: string, requiredScope: string): Promise<TokenChecksReport> {
    const report = await inspectAccessToken(this.validation, token, requiredScope);
    const failed = report.checks.filter((check) => check.outcome === 'fail').map((c) => c.name);
    this.logger.debug(
      `token checks report for scope ${logSafe(requiredScope)} → ${report.verdict}` +
        (failed.length === 0 ? '' : ` (${report.error ?? '503'}: ${failed.join(', ')} failed)`),
    );
    return report;
  }
}
