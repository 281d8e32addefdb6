import { type ArgumentsHost, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckFailedFilter } from './health-check-failed.filter';

describe(HealthCheckFailedFilter.name, () => {
  it("sends terminus's report as it is, with its 503", () => {
    const report = { status: 'error', info: {}, error: { database: { status: 'down' } } };
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      status(code: number) {
        sent.status = code;
        return response;
      },
      json(body: unknown) {
        sent.body = body;
        return response;
      },
    };
    const host = {
      switchToHttp: () => ({ getResponse: () => response }),
    } as unknown as ArgumentsHost;

    new HealthCheckFailedFilter().catch(new ServiceUnavailableException(report), host);

    expect(sent).toEqual({ status: 503, body: report });
  });
});
