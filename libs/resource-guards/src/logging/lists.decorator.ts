import { SetMetadata } from '@nestjs/common';

export const LISTS = Symbol('LISTS');

/**
 * `@Lists('notes')`: names what a route's array answer holds, for its step 5 line: `200 (3 notes)`.
 * A label for the log (ServedRequestInterceptor), apart from the route's security (@Authenticated).
 */
export const Lists = (noun: string) => SetMetadata(LISTS, noun);
