import type { HooklineClient, Tenant } from '@hookline/sdk/client';
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';

export interface Session {
  client: HooklineClient;
  tenant: Tenant;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { value: Session; children: ComponentChildren }) {
  return <SessionContext.Provider value={props.value}>{props.children}</SessionContext.Provider>;
}

/** The signed-in tenant and its API client; only screens behind the sign-in use it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}
