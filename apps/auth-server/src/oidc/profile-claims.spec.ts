import { releasedProfileClaims } from './profile-claims';

describe(releasedProfileClaims.name, () => {
  const claims = { name: 'Alice Liddell', preferred_username: 'alice' };

  it('releases name and preferred_username with the profile scope', () => {
    expect(releasedProfileClaims(['openid', 'profile'], claims)).toEqual(claims);
  });

  it('releases nothing without profile, or when login-ui vouched for nothing', () => {
    expect(releasedProfileClaims(['openid'], claims)).toEqual({});
    expect(releasedProfileClaims(['openid', 'profile'], null)).toEqual({});
  });

  it('never releases claims other than the two it knows', () => {
    expect(releasedProfileClaims(['profile'], { ...claims, email: 'a@example.com' })).toEqual(
      claims,
    );
  });
});
