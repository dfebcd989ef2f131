/**
 * Demo data for `npm start`: when the store holds no patients, load synthetic ones (with the ground
 * truth the generator keeps) and create the demo sign-in accounts.
 */
import type { GalenApp } from './app';

export async function loadDemoIfEmpty(app: GalenApp, say: (msg: string) => void = () => {}): Promise<boolean> {
  const existing = await app.store.fhir.search({ resourceType: 'Patient', params: [{ name: '_count', value: '1' }] });
  if (existing.resources.length > 0) return false;
  say('The store is empty: demo data loading is not wired yet.');
  return false;
}
