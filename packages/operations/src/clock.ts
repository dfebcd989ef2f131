/** The time as the composition root's clock tells it (`Services.clock`), else the system's. */
import type { Services } from './registry';

/**
 * Now, from the services' clock.
 * @example const recorded = now(ctx.services).toISOString();
 */
export function now(services: Pick<Services, 'clock'>): Date {
  return services.clock?.() ?? new Date();
}
