import { channelOfStep, formatStepLine } from './step-line';

describe(formatStepLine.name, () => {
  it('names the step, the parties, the channel, the request and the outcome', () => {
    expect(
      formatStepLine({
        step: 3,
        from: 'client-web',
        to: 'auth-server',
        request: 'POST /token grant_type=authorization_code',
        outcome: '200 (access token jti=3c9d…, expires in 600 s)',
        ok: true,
      }),
    ).toBe(
      'step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code → 200 (access token jti=3c9d…, expires in 600 s)',
    );
  });

  it("names the channel a hop gives: login-ui's admin API calls in step 2 are server to server", () => {
    expect(
      formatStepLine({
        step: 2,
        from: 'login-ui',
        to: 'auth-server',
        channel: 'back channel',
        request: 'PUT /admin/login-requests/Qm9vb3Rz…/accept',
        outcome: '200',
        ok: true,
      }),
    ).toBe(
      'step 2 · login-ui → auth-server · back channel · PUT /admin/login-requests/Qm9vb3Rz…/accept → 200',
    );
  });

  it('puts steps 1 and 2 on the front channel, 3 to 6 on the back channel', () => {
    expect([1, 2, 3, 4, 5, 6].map((step) => channelOfStep(step as 1))).toEqual([
      'front channel',
      'front channel',
      'back channel',
      'back channel',
      'back channel',
      'back channel',
    ]);
  });
});
