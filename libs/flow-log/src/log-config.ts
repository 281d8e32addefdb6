import { envEnum } from '@oauth-flow-lab/config';

export const LOG_FORMATS = ['pretty', 'json'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface LogConfig {
  /** `pretty`: one coloured line per event, for a terminal; `json`: one JSON object per line. */
  format: (typeof LOG_FORMATS)[number];
  /** `info` shows the story (one line per protocol hop); `debug` adds every HTTP request. */
  level: (typeof LOG_LEVELS)[number];
}

/** The logging variables every app's environment schema spreads in (see each app's config). */
export const logEnvironment = {
  /** LOG_FORMAT=json for log collectors; pretty (the default) for `npm start` and compose. */
  LOG_FORMAT: envEnum(LOG_FORMATS, 'pretty'),
  LOG_LEVEL: envEnum(LOG_LEVELS, 'info'),
};

export function logConfigOf(env: {
  LOG_FORMAT: LogConfig['format'];
  LOG_LEVEL: LogConfig['level'];
}): LogConfig {
  return { format: env.LOG_FORMAT, level: env.LOG_LEVEL };
}
