import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OidcProvider from 'oidc-provider';

/** Someone who can sign in at the test provider: any password works for a known login. */
export interface OidcTestAccount {
  email: string;
  /** What the provider says in `email_verified`; default true. */
  emailVerified?: boolean;
  name?: string;
}

/** A client (relying party) registered at the test provider. */
export interface OidcTestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** How long its authorization codes last; default 60 seconds. */
  codeTtlSeconds?: number;
}

/**
 * A real OpenID provider (oidc-provider, with its development login form) on loopback, for
 * tests of single sign-on. It listens at once, so the issuer is known before the relying party
 * starts; `configure` then registers the clients (once the relying party knows its callback).
 */
export interface OidcTestProvider {
  /** http://127.0.0.1:<port>; its discovery document names this issuer. */
  issuer: string;
  /** The same provider at another port: discovery there names `issuer`, a mismatch for a client expecting this address. */
  otherAddress: string;
  /** Login name → claims; add accounts any time. */
  accounts: Map<string, OidcTestAccount>;
  /** (Re)creates the provider with these clients; requests before it answer 503. */
  configure(clients: OidcTestClient[]): void;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** The part of oidc-provider's Provider this helper uses (the package ships no types). */
const Provider = OidcProvider as new (
  issuer: string,
  configuration: object,
) => { callback(): Handler };

/** Starts the provider's HTTP listeners on 127.0.0.1 (free ports). */
export async function startOidcProvider(): Promise<OidcTestProvider> {
  let handler: Handler | undefined;
  const serve: Handler = (req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('the test provider is not configured yet');
  };
  const main = await listen(createServer(serve));
  const other = await listen(createServer(serve));
  const issuer = `http://127.0.0.1:${(main.address() as AddressInfo).port}`;
  const accounts = new Map<string, OidcTestAccount>();

  const configure = (clients: OidcTestClient[]) => {
    const codeTtl = new Map(clients.map((c) => [c.clientId, c.codeTtlSeconds ?? 60]));
    const provider = new Provider(issuer, {
      clients: clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: c.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      cookies: { keys: ['a test key that signs the provider cookies'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The claims go in the ID token, which is all GoMeet reads.
      conformIdTokenClaims: false,
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        AccessToken: 600,
        IdToken: 600,
        AuthorizationCode: (_ctx: unknown, _code: unknown, client: { clientId: string }) =>
          codeTtl.get(client.clientId) ?? 60,
      },
      findAccount: (_ctx: unknown, id: string) => {
        const account = accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name ?? id,
          }),
        };
      },
      // First-party clients: grant the requested scopes without a consent page.
      loadExistingGrant: async (ctx: GrantContext) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    handler = provider.callback();
  };

  return {
    issuer,
    otherAddress: `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
    accounts,
    configure,
    close: async () => {
      await Promise.all([close(main), close(other)]);
    },
  };
}

interface GrantContext {
  oidc: {
    provider: {
      Grant: new (init: { clientId: string; accountId: string }) => {
        addOIDCScope(scope: string): void;
        save(): Promise<unknown>;
      };
    };
    client: { clientId: string };
    session: { accountId: string };
  };
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
