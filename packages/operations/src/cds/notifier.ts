/**
 * Telling others about new alerts: by default a POST to each webhook named by
 * GALEN_ALERT_WEBHOOKS. The cds service is handed a notifier (`CdsIo.notifier`); nothing else in
 * the area touches the network.
 */
import type { Logger } from '../registry';

/** An alert just recorded. */
export interface RaisedAlert {
  kind: string;
  reference: string;
  summary: string;
}

export interface AlertNotifier {
  /** Best effort: failures are logged, never thrown. */
  notify(patientId: string, alerts: RaisedAlert[]): Promise<void>;
}

/**
 * Post new alerts to every URL (5 s timeout each, no PHI beyond ids: kind and reference only).
 * @example await webhookNotifier(['https://pager.example.org/hook'], log).notify('p1', alerts)
 */
export function webhookNotifier(urls: string[], log?: Logger): AlertNotifier {
  return {
    async notify(patientId, alerts) {
      if (!urls.length || !alerts.length) return;
      const body = JSON.stringify({
        type: 'galen.alert',
        patientId,
        alerts: alerts.map((a) => ({ kind: a.kind, reference: a.reference })),
      });
      await Promise.all(
        urls.map(async (url) => {
          try {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
              signal: AbortSignal.timeout(5000),
            });
            if (!res.ok) log?.warn({ status: res.status }, 'alert webhook failed');
          } catch (err) {
            log?.warn({ err: (err as Error).message }, 'alert webhook failed');
          }
        }),
      );
    },
  };
}
