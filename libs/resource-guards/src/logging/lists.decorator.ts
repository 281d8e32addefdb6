import { SetMetadata } from '@nestjs/common';

export const LISTS = Symbol('LISTS');

/** Names what a route's array answer holds, for its step 5 line: `200 (3 notes)`. */
export const Lists = (noun: string) => SetMetadata(LISTS, noun);
