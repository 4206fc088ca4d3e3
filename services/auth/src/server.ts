import { openSharedState, parseConfig, runMain, serve } from '@gomeet/platform';
import { buildApp } from './app.js';
import { authConfigSchema, authLimits, authMail, authOidc, turnSettings } from './config.js';

async function main(): Promise<void> {
  const config = parseConfig(authConfigSchema, process.env);
  const state = await openSharedState({ ...config, name: 'gomeet-auth' });
  const app = await buildApp({
    db: state.database.db,
    rateLimiter: state.rateLimiter,
    revocations: state.revocations,
    turn: turnSettings(config),
    limits: authLimits(config),
    oidc: authOidc(config, config.PUBLIC_URL),
    adminEmails: config.ADMIN_EMAILS,
    mail: authMail(config, { dataDir: config.GOMEET_DATA_DIR, appUrl: config.PUBLIC_URL }),
    ...(config.JWT_SIGNING_KEYS ? { signingKeys: config.JWT_SIGNING_KEYS } : {}),
    logLevel: config.LOG_LEVEL,
    readiness: state.readiness,
    trustProxy: config.TRUST_PROXY,
    ...(config.METRICS_PORT !== undefined ? { metricsPort: config.METRICS_PORT } : {}),
  });
  if (!config.SMTP_URL)
    app.log.warn(
      'SMTP_URL is not set: verification and password reset mail is written to GOMEET_DATA_DIR/mail, where nobody receives it',
    );
  await serve(app, {
    host: config.HOST,
    port: config.PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onClose: state.close,
  });
}

runMain(main);
