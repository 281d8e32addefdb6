export {
  type FoundKey,
  type KeySetFetch,
  KeySetKeeper,
  type KeySetKeeperOptions,
  KeySetUnreachable,
} from './key-set-keeper';
