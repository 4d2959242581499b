// The state a view renders for one stored value (a secret's payload, a
// token), and the actions that change it: the hooks of
// `stripe-apps-secrets/react` are this over two sources. React comes from
// the app (a peer dependency; the Dashboard provides it to a Stripe App).
import { useEffect, useRef, useState } from 'react';

const LOADING = Object.freeze({ loading: true, value: null, error: null });

/**
 * `{ loading, value, error, save, remove, refresh }` for `source` (`read`
 * and the actions' functions, each resolving with the new value), read
 * again whenever
 * `identity` (a list of strings: the user, the scope, the name) changes.
 * A result that arrives after the view unmounted, or after `identity`
 * changed, is dropped: no state is set for a view that is gone or for a
 * value it no longer shows. Actions never reject: an error becomes `error`,
 * and the value stays what it was.
 */
export function useStored(source, identity) {
  const [state, setState] = useState(LOADING);
  const latest = useRef(source);
  latest.current = source;
  /**
   * A fresh object while the view is mounted for one `identity`; null once
   * it unmounts. What started under another one (or none) is stale.
   */
  const generation = useRef(null);

  // Made once per view: the same functions on every render, so a view may list them as dependencies.
  const [{ settle, actions }] = useState(() => {
    const settle = async (operation) => {
      const started = generation.current;
      const current = () => started !== null && generation.current === started;
      // Started while mounted (it is current now): loading, the value shown kept.
      if (started !== null) setState((previous) => ({ loading: true, value: previous.value, error: null }));
      try {
        const value = await operation(latest.current);
        if (current()) setState({ loading: false, value, error: null });
      } catch (error) {
        if (current()) setState((previous) => ({ loading: false, value: previous.value, error }));
      }
    };
    const act = (name) => (...args) => settle((s) => s[name](...args));
    return { settle, actions: { save: act('save'), remove: act('remove'), refresh: act('refresh') } };
  });

  useEffect(() => {
    generation.current = {};
    // Nothing of the value shown before: it may be another user's or another secret's.
    setState(LOADING);
    settle((s) => s.read());
    return () => {
      generation.current = null;
    };
    // The identity's parts, not the source object: an app may build its store on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, identity);

  return { ...state, ...actions };
}
