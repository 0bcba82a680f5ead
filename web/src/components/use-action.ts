import { useState } from 'react';
import type { FieldError } from '../api';
import { errorsFrom } from '../validation';

/**
 * The state every form and button that calls the API keeps: whether a call is running (to disable
 * the button) and the errors the error summary shows. `attempt` runs one call with both kept up to
 * date and says whether it succeeded.
 *
 * @example
 * const { errors, busy, attempt } = useAction();
 * if (await attempt(() => api.savePolicy(id, body))) navigate('/done');
 */
export function useAction() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  async function attempt(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      setErrors([]);
      return true;
    } catch (error) {
      setErrors(errorsFrom(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, busy, attempt };
}
