import type { PageRole } from '@oauth-flow-lab/html';

/** The header of every login-ui page: which of the four roles the learner is looking at. */
export const LOGIN_UI_ROLE: PageRole = {
  app: 'login-ui',
  role: 'the resource owner signs in and consents (step 2)',
  accent: '#6f42c1',
};
