import { z } from 'zod';

/**
 * RFC 7662 §2.2: the answer of auth-server's POST /introspect. An inactive token (unknown, expired,
 * revoked, rotated out, or not the caller's) is exactly `{"active": false}`: nothing else is said
 * about it. An active one carries what a resource server or client needs to know.
 */
export const InactiveTokenSchema = z.object({ active: z.literal(false) }).strict();

export const ActiveTokenSchema = z.object({
  active: z.literal(true),
  scope: z.string(),
  client_id: z.string().min(1),
  sub: z.string().min(1),
  exp: z.number().int(),
  iat: z.number().int(),
  iss: z.string().min(1),
  /** Access tokens only: the resource server the token is for, and its identifier. */
  aud: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  jti: z.string().min(1).optional(),
  token_type: z.enum(['access_token', 'refresh_token']),
});

export const IntrospectionResponseSchema = z.union([InactiveTokenSchema, ActiveTokenSchema]);
export type IntrospectionResponse = z.infer<typeof IntrospectionResponseSchema>;
export type ActiveToken = z.infer<typeof ActiveTokenSchema>;
