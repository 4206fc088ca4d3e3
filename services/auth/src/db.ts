import type { ColumnType, Kysely } from 'kysely';
import type { AdminAuditTable, FirstAdminTable } from './admin/tables.js';

type Timestamp = ColumnType<Date, Date, Date>;

/** auth_users: one row per account; email is stored lower-cased and unique. */
export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the owner opened a verification or reset link; null until then. */
  email_verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When an admin disabled the account: no sign-in, no refresh. */
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When an admin asked for a new password: sign-in waits until one is set by reset link. */
  password_reset_required_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** auth_refresh_tokens: sha256 hashes of opaque refresh tokens, one family per sign-in. */
export interface RefreshTokenTable {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Set when the token was exchanged for a new one; presenting it again is reuse. */
  rotated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** What an emailed link lets its holder do. */
export type EmailTokenPurpose = 'verify-email' | 'reset-password';

/** auth_email_tokens: sha256 hashes of the single-use tokens in verification and reset links. */
export interface EmailTokenTable {
  id: string;
  user_id: string;
  purpose: EmailTokenPurpose;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** auth_signing_keys: generated Ed25519 keys when JWT_SIGNING_KEYS is not set. */
export interface SigningKeyTable {
  kid: string;
  alg: string;
  /** The private JWK, as JSON text. */
  private_jwk: string;
  created_at: Timestamp;
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** auth_oidc_identities: a provider's subject (`sub`) linked to an account. */
export interface OidcIdentityTable {
  provider: string;
  subject: string;
  user_id: string;
  /** The verified address the provider gave when the link was made. */
  email: string;
  created_at: Timestamp;
}

/** auth_oidc_logins: one single sign-on attempt (state hashed; nonce and PKCE verifier kept). */
export interface OidcLoginTable {
  id: string;
  provider: string;
  state_hash: string;
  nonce: string;
  code_verifier: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Set when the callback consumed the state; a second callback with it is refused. */
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** sha256 of the one-time code the web app trades for a session. */
  handoff_hash: ColumnType<string | null, string | null | undefined, string | null>;
  handoff_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  handoff_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The auth-service's tables. */
export interface AuthDatabase {
  auth_users: UserTable;
  auth_refresh_tokens: RefreshTokenTable;
  auth_signing_keys: SigningKeyTable;
  auth_email_tokens: EmailTokenTable;
  auth_first_admin: FirstAdminTable;
  auth_admin_audit: AdminAuditTable;
  auth_oidc_identities: OidcIdentityTable;
  auth_oidc_logins: OidcLoginTable;
}

/** The database handle every auth verb uses. */
export type AuthDb = Kysely<AuthDatabase>;
