import { verifyPkceS256 } from './pkce';

describe(verifyPkceS256.name, () => {
  const sut = verifyPkceS256;
  // RFC 7636 Appendix B: the worked example of an S256 challenge.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('accepts the RFC 7636 Appendix B verifier for its challenge', () => {
    expect(sut(verifier, challenge)).toBe(true);
  });

  it('refuses another verifier', () => {
    expect(sut(`${verifier.slice(0, -1)}j`, challenge)).toBe(false);
  });

  it('refuses the challenge presented as its own verifier (plain)', () => {
    expect(sut(challenge, challenge)).toBe(false);
  });

  it('compares case-sensitively', () => {
    expect(sut(verifier, challenge.toLowerCase())).toBe(false);
  });

  it('refuses, without throwing, a challenge of another length', () => {
    expect(sut(verifier, `${challenge}=`)).toBe(false);
    expect(sut(verifier, '')).toBe(false);
  });
});
