/**
 * The pure half of Galen's CDS Hooks service: the services offered, hook request checks, prefetch →
 * patient context, scoring → cards (patient-view), medication safety of draft orders (order-select,
 * order-sign) and feedback bodies. The server's plugin parses, routes and runs the scoring workers;
 * `@galen/operations/cds/service` persists.
 * @see https://cds-hooks.hl7.org/2.0/
 */
export * from './services';
export * from './request';
export * from './context';
export * from './patient-view';
export * from './order';
export * from './feedback';
