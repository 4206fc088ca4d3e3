// oidc-provider ships no types; the helper types the few parts it uses itself.
declare module 'oidc-provider';
