import type { SqlClient } from '../store';

/** One versioned migration (see `index.ts`). */
export interface Migration {
  /** Unique, positive; applied in ascending order. */
  id: number;
  name: string;
  /** SQL text (several statements allowed) or a function run inside the migration transaction. */
  up: string | ((sql: SqlClient) => Promise<void>);
}
