import { atHash } from './id-token-issuer';

describe(atHash.name, () => {
  it('matches the example of OIDC Core Appendix A.4 (left half of SHA-256, base64url)', () => {
    const sut = atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y');
    expect(sut).toBe('77QmUPtjPfzWtF2AnpK9RQ');
  });
});
