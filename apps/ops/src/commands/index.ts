import type { Command } from 'commander';
import type { CliDeps } from '../cli/context.js';
import backupRestore from './backup-restore/index.js';
import buildImages from './build-images/index.js';
import costMonitor from './cost-monitor/index.js';
import healthCheck from './health-check/index.js';
import loadtest from './loadtest/index.js';
import masterDeploy from './master-deploy/index.js';
import rollingUpdate from './rolling-update/index.js';
import scaleServices from './scale-services/index.js';
import setupInfrastructure from './setup-infrastructure/index.js';
import setupSecrets from './setup-secrets/index.js';

/** Adds one command (with its subcommands) to the program. */
export type RegisterCommand = (program: Command, deps: CliDeps) => void;

/** Every gomeet-ops command, in help order. */
export const commands: RegisterCommand[] = [
  healthCheck,
  costMonitor,
  setupSecrets,
  backupRestore,
  buildImages,
  masterDeploy,
  scaleServices,
  rollingUpdate,
  setupInfrastructure,
  loadtest,
];
