/** Hand the window's store to components; they read it with named selectors (or useShallow). */
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import type { SampleHistory } from './sample-history';
import type { AppState } from './app-state';
import type { AppStore } from './create-app-store';

const StoreContext = createContext<AppStore | null>(null);

/** Provide the window's store. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useStoreBundle(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider is missing above this component.');
  return store;
}

/** Read the store with a selector; re-renders only when the selected value changes. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStoreBundle().useStore(selector);
}

/** The API client, for window actions (open a link, hide). */
export function useApi(): ApiClient {
  return useStoreBundle().api;
}

/** The chart history (outside React state). */
export function useSampleHistory(): SampleHistory {
  return useStoreBundle().history;
}

/**
 * The store's current state, read on demand (actions, or a value inside an event handler) without
 * subscribing the component; the returned function is stable, so effects can depend on it.
 */
export function useGetState(): () => AppState {
  return useStoreBundle().useStore.getState;
}
