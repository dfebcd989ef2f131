/**
 * Every migration of the features a Galen process runs besides the store's own: the operation
 * areas' and the web app's. Each composition root (`createApp`, the CLI, test harnesses, benches)
 * hands this list to `openStore({ migrations })`, so any process that opens the database migrates
 * it the same way.
 * @example const store = await openStore({ dataDir: './galen-data', migrations: galenMigrations });
 */
import type { Migration } from '@galen/store';
import { operationMigrations } from '@galen/operations';
import { webMigrations } from './web/migration';

export const galenMigrations: readonly Migration[] = [...operationMigrations, ...webMigrations];
