// What the registry tests share: the API error a call throws.
import { isStatusError, type StatusError } from '../errors';

/** The StatusError `fn` throws (any other throw passes through; no throw fails the test). */
export function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
