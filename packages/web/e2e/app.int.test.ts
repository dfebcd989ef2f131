/**
 * End-to-end in a real browser (Debian chromium via playwright-core) against a real Galen server on
 * loopback: sign in, worklist, a deteriorating patient's chart and alert (snooze), the scribe with
 * an ACI-Bench train dialogue (draft, edit, sign), and the signed note back in the chart.
 * Steps whose server operations are not registered are skipped with the reason.
 * Screenshots: set GALEN_SCREENSHOTS=1 to (re)write docs/screenshots/*.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DETERIORATING_ID,
  STABLE_IDS,
  DIST,
  SCREENSHOTS,
  chromiumPath,
  demoBundle,
  firstAciTrainDialogue,
  startHarness,
  type Harness,
} from './harness';

const missing = !chromiumPath()
  ? 'Chromium not installed (Debian package chromium)'
  : !existsSync(join(DIST, 'index.html'))
    ? 'web app not built (npm run build -w @galen/web)'
    : undefined;

async function shot(page: Page, name: string) {
  if (!process.env.GALEN_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

test('clinician journey in a real browser', { skip: missing, timeout: 240_000 }, async (t) => {
  const h: Harness = await startHarness({
    seed: () => demoBundle({ stable: 6 }),
    // Score the deteriorating patient as the server does when observations arrive (if that is not wired yet).
    afterSeed: async (call, app) => {
      if (app.registry.has('cds.score'))
        for (const id of [DETERIORATING_ID, ...STABLE_IDS(6)]) await call('cds.score', { patientId: id });
    },
  });
  const page = await h.context.newPage();
  const has = (op: string) => h.app.registry.has(op);
  try {
    await t.test('wrong password shows a readable message; right one signs in', async () => {
      await page.goto(h.url + '/');
      await page.getByLabel('Username').fill('demo');
      await page.getByLabel('Password').fill('not-it');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
      await shot(page, 'sign-in');
      await page.getByLabel('Password').fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      assert.ok(h.sessionsWired, 'the session cookie authenticates /api calls (server auth hook calls authenticateSession)');
    });

    await t.test('worklist lists the patients', { skip: !has('worklist.list') && 'worklist.list not registered' }, async () => {
      await page.getByRole('listbox', { name: 'Patients' }).waitFor();
      await page.getByText('Ada Okafor').waitFor();
      // The deteriorating patient sorts first (highest NEWS2) and shows a high-risk badge.
      const first = page.locator('.vrow').first();
      assert.match((await first.textContent()) ?? '', /Ada Okafor/);
      if (has('cds.score')) await first.locator('.badge.news-high').waitFor();
      await shot(page, 'worklist');
      const status = await page.getByRole('status').filter({ hasText: 'patients' }).textContent();
      assert.match(status ?? '', /7 of 7 patients/);
      await page.getByLabel('Search').fill('okafor');
      await page.getByRole('status').filter({ hasText: '1 of 7 patients' }).waitFor();
    });

    await t.test("the deteriorating patient's chart shows vitals, labs and allergies", async () => {
      await page.goto(`${h.url}/patients/${DETERIORATING_ID}`);
      await page.getByRole('heading', { name: 'Ada Okafor' }).waitFor();
      await page.getByText('Penicillin').waitFor();
      await page.getByRole('img', { name: /Pulse/ }).waitFor();
      assert.equal(await page.locator('figure.plot').count(), 5);
      const lactate = page.locator('tr', { hasText: 'Lactate' });
      await lactate.waitFor();
      assert.match((await lactate.textContent()) ?? '', /4\.3.*H/);
      await shot(page, 'chart');
      // Tablet width: the layout stacks and stays usable.
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.getByRole('img', { name: /Pulse/ }).waitFor();
      await shot(page, 'chart-tablet');
      await page.setViewportSize({ width: 1366, height: 860 });
    });

    await t.test(
      'the alert shows its reason and can be snoozed',
      { skip: !has('cds.alerts') && 'cds.alerts not registered yet' },
      async () => {
        const card = page.locator('article.alert-card').first();
        await card.waitFor({ timeout: 30_000 }).catch(async (err: Error) => {
          const banners = await page.getByRole('alert').allTextContents();
          throw new Error(`No alert card on the chart (${err.message.split('\n')[0]}); banners: ${JSON.stringify(banners)}`);
        });
        const reason = (await card.locator('.reason').textContent()) ?? '';
        assert.ok(reason.trim().length > 0, 'alert has a reason');
        if (process.env.GALEN_SCREENSHOTS) await card.screenshot({ path: join(SCREENSHOTS, 'alert.png') });
        await card.getByRole('button', { name: 'Snooze…' }).click();
        await card.getByRole('button', { name: 'Confirm snooze' }).click();
        await page.getByText(/Snoozed for 1 hour/).waitFor();
        // The snooze reached the server: the alert carries a snooze-until time in the future.
        const issues = await h.store.fhir.search({
          resourceType: 'DetectedIssue',
          params: [{ name: 'patient', value: `Patient/${DETERIORATING_ID}` }],
        });
        const snoozed = issues.resources.some((d) =>
          ((d as { extension?: { valueDateTime?: string }[] }).extension ?? []).some(
            (e) => !!e.valueDateTime && Date.parse(e.valueDateTime) > Date.now(),
          ),
        );
        assert.ok(snoozed, 'the alert is snoozed in the store');
      },
    );

    const aci = firstAciTrainDialogue();
    let signed = false;
    await t.test(
      'scribe: paste an ACI-Bench train dialogue, draft, edit, sign',
      {
        skip: !aci
          ? 'ACI-Bench data absent'
          : !has('scribe.draft')
            ? 'scribe.draft not registered yet'
            : !has('scribe.sign') && 'scribe.sign not registered yet',
      },
      async () => {
        await page.goto(`${h.url}/scribe/${DETERIORATING_ID}`);
        await page.getByLabel(/Paste a transcript/).fill(aci?.dialogue ?? '');
        await page.getByRole('button', { name: 'Draft note' }).click();
        const firstSentence = page.locator('.sentence').first();
        await firstSentence.waitFor({ timeout: 60_000 });
        await firstSentence.hover();
        assert.ok((await page.locator('.turn.evidence').count()) > 0, 'hovering a sentence highlights its evidence turns');
        await shot(page, 'scribe');
        // The facts the engine read, each with its status and turns.
        await page.getByRole('tab', { name: /^Facts/ }).click();
        const fact = page.locator('tr.fact').first();
        await fact.waitFor();
        assert.match((await fact.locator('td').last().textContent()) ?? '', /t\d+/);
        assert.ok((await page.locator('tr.fact .badge').count()) > 0);
        // ICD-10-CM suggestions can be accepted.
        await page.getByRole('tab', { name: /^ICD-10-CM/ }).click();
        const accept = page.locator('ul.codes').getByRole('button', { name: 'Accept' }).first();
        await accept.waitFor({ timeout: 30_000 });
        await accept.click();
        assert.equal(await accept.getAttribute('aria-pressed'), 'true');
        await page.getByRole('tab', { name: 'Note' }).click();
        await page.getByRole('button', { name: 'Edit' }).click();
        const box = page.locator('textarea[data-section]').first();
        await box.fill(((await box.inputValue()) + '\nReviewed with the patient by the e2e clinician.').trim());
        await page.getByRole('button', { name: 'Done editing' }).click();
        await page.getByText('Reviewed with the patient by the e2e clinician.').waitFor();
        await page.getByRole('button', { name: 'Sign note' }).click();
        await page.getByRole('status').filter({ hasText: 'Signed.' }).waitFor({ timeout: 30_000 });
        signed = true;
      },
    );

    await t.test('the signed note is in the chart', { skip: !signed && 'no note was signed' }, async () => {
      await page.getByRole('link', { name: 'Open the chart' }).click();
      await page.getByRole('heading', { name: 'Ada Okafor' }).waitFor();
      const note = page.locator('.note', { has: page.locator('.badge.ok', { hasText: 'final' }) }).first();
      await note.waitFor();
      await note.locator('.note-title').click();
      await note.getByText('Reviewed with the patient by the e2e clinician.').waitFor();
      if (has('nlp.extract')) {
        // NLP highlighting: concepts are marked, and hovering names code, context and cue.
        const mark = note.locator('.note-text mark.concept').first();
        await mark.waitFor({ timeout: 30_000 });
        assert.match((await mark.getAttribute('title')) ?? '', /context:/);
      }
      await note
        .locator('.note-text mark.concept')
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await shot(page, 'chart-signed-note');
    });

    await t.test('admin screens render for an admin; an API outage shows a clear message', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill('admin-pass');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('cell', { name: 'demo' }).waitFor();
      await shot(page, 'admin-users');
      await page.route('**/api/**', (route) => route.abort('connectionrefused'));
      await page.getByRole('link', { name: 'Review' }).click();
      await page.getByRole('alert').filter({ hasText: 'Cannot reach the Galen server' }).first().waitFor();
      await page.unroute('**/api/**');
    });
  } finally {
    await page.close().catch(() => undefined);
    await h.close();
  }
});
