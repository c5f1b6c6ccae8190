import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { makeClient } from './api';

/** The signed-in person as /auth/session and /auth/login describe it. */
export interface Principal {
  id: string;
  login: string;
  name: string;
  roles: string[];
  agencyId: string;
  agencyName: string;
  agencyKind: string;
}

type State =
  | { status: 'loading' }
  | { status: 'signedOut'; notice?: string }
  | { status: 'signedIn'; principal: Principal; csrfToken: string; csrfHeader: string; expiresAt: string };

/** `/auth/session`: 200 either way; signed out is an answer, not an error. */
type SessionAnswer =
  | { signedIn: true; principal: Principal; csrfToken: string; csrfHeader: string; expiresAt: string }
  | { signedIn: false; expired: boolean };

interface SessionApi {
  state: State;
  signIn(login: string, password: string): Promise<string | null>;
  /** Ends the session; `notice` is what the sign-in page then says. */
  signOut(notice?: string): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in principal (only inside the signed-in part of the app). */
export function usePrincipal(): Principal & { csrfToken: string } {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('not signed in');
  return { ...state.principal, csrfToken: state.csrfToken };
}

const errorMessage = async (res: Response) => {
  try {
    const body = (await res.json()) as { errors?: { message: string }[] };
    return body.errors?.[0]?.message ?? `登录失败（${res.status}）`;
  } catch {
    return `登录失败（${res.status}）`;
  }
};

/**
 * Holds the session: asks /auth/session on load, signs in and out, and gives the
 * signed-in part of the app a GraphQL client that sends the CSRF token. When the API
 * answers 401 (session expired or ended elsewhere) it returns to the sign-in page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    fetch('/auth/session', { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) return setState({ status: 'signedOut', notice: '登录服务暂不可用，请稍后刷新页面' });
        const body = (await res.json()) as SessionAnswer;
        setState(body.signedIn ? { status: 'signedIn', ...body } : { status: 'signedOut', notice: body.expired ? '会话已过期，请重新登录' : undefined });
      })
      .catch(() => setState({ status: 'signedOut', notice: '无法连接平台，请稍后刷新页面' }));
  }, []);

  const signIn = useCallback(async (login: string, password: string) => {
    const res = await fetch('/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (!res.ok) return errorMessage(res);
    setState({ status: 'signedIn', ...(await res.json()) });
    return null;
  }, []);

  const csrf = state.status === 'signedIn' ? state.csrfToken : null;
  const signOut = useCallback(
    async (notice = '已退出登录') => {
      if (csrf) await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } }).catch(() => undefined);
      setState({ status: 'signedOut', notice });
    },
    [csrf],
  );

  const client = useMemo(() => (csrf ? makeClient(csrf, () => setState({ status: 'signedOut', notice: '会话已过期，请重新登录' })) : null), [csrf]);
  const api = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={api}>{client ? <UrqlProvider value={client}>{children}</UrqlProvider> : children}</SessionContext.Provider>;
}
