import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { expectStatus, type TenantApi } from '../support/api-client';
import { consoleContext, consoleUrl, launchBrowser, screenshot, signIn } from '../support/browser';
import { createEventTypes, createSubscription, createTenant, unique } from '../support/factories';
import { headerRecord, Receiver } from '../support/receiver';
import { eventually } from '../support/stack';

const apiKeyItem = 'hookline.console.apiKey';

/** Waits for an element carrying `data-testid` (and, when given, `data-status`). */
const byTestId = (page: Page, testId: string, status?: string) =>
  page.locator(status === undefined ? `[data-testid="${testId}"]` : `[data-testid="${testId}"][data-status="${status}"]`);

const documentDirection = (page: Page) => page.evaluate<{ dir: string; lang: string }>('({ dir: document.documentElement.dir, lang: document.documentElement.lang })');

/**
 * The web console (issue: "Settings → Webhooks"), driven in Debian's Chromium against the running
 * stack: sign in with a tenant key, create a webhook through the form, send a test, read the delivery
 * and its attempt, pause and resume, delete, browse the catalog and events, and do it all again in
 * Arabic, right to left. Every main screen is photographed in both directions.
 */
describe('web console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: Receiver;
  let api: TenantApi;
  let eventType: string;
  let webhookName: string;
  let webhookId: string;
  let secret: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    receiver.answer((request) => (request.path === '/gone' ? { status: 410, body: 'gone' } : { status: 200, body: 'ok' }));
    api = await createTenant({ name: 'Northwind Shop' });
    ({ order: eventType } = await createEventTypes(api, ['order']));
    browser = await launchBrowser();
    context = await consoleContext(browser, ['en-US', 'en']);
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await receiver?.close();
  });

  it('signs in with a tenant API key that it keeps in session storage only', async () => {
    await page.goto(consoleUrl());
    await page.locator('#api-key').waitFor();
    await screenshot(page, 'sign-in');

    await page.locator('#api-key').fill('hk_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This API key was not accepted.').waitFor();

    await signIn(page, api.tenant.apiKey);
    expect(await page.getByTestId('tenant-name').textContent()).toContain('Northwind Shop');
    const storage = await page.evaluate<{ session: string | null; local: string }>(
      `({ session: sessionStorage.getItem('${apiKeyItem}'), local: JSON.stringify({ ...localStorage }) })`,
    );
    expect(storage.session).toBe(api.tenant.apiKey);
    expect(storage.local).not.toContain(api.tenant.apiKey);
    await page.getByRole('link', { name: 'Create webhook' }).first().waitFor();
    await screenshot(page, 'webhooks-empty');
  });

  it('creates a webhook with the form, showing the API’s field errors beside the fields', async () => {
    await page.getByRole('link', { name: 'Create webhook' }).first().click();
    const form = page.getByTestId('webhook-form');
    await form.waitFor();
    webhookName = unique('Orders to ERP');
    await page.getByLabel('Name', { exact: true }).fill(webhookName);
    await page.getByLabel('Description', { exact: true }).fill('Every new order, for the warehouse');
    await page.getByLabel('Endpoint URL').fill('http://user:password@127.0.0.1:9/credentials-in-url');
    await page.getByRole('checkbox', { name: 'All events (*)' }).uncheck();
    await page.getByRole('checkbox', { name: eventType, exact: true }).check();
    await page.getByLabel('Timeout (ms)').fill('3000');
    await screenshot(page, 'webhook-form');

    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByTestId('form-errors').waitFor();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await page.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Endpoint URL').fill(receiver.url('/console'));
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const created = page.getByTestId('created-secret');
    await created.waitFor();
    secret = ((await page.getByTestId('created-secret-value').textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Continue to webhook' }).click();
    await byTestId(page, 'webhook-status', 'enabled').waitFor();
    webhookId = /#\/webhooks\/(sub_[A-Za-z0-9]+)/.exec(page.url())?.[1] ?? '';

    const stored = await api.subscription(webhookId);
    expect(stored).toMatchObject({ name: webhookName, url: receiver.url('/console'), eventTypes: [eventType], timeoutMs: 3000, status: 'enabled' });
  });

  it('sends a test event and shows what the endpoint answered', async () => {
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.locator('[data-testid="test-result"][data-ok="true"]').waitFor();
    expect(await page.getByTestId('test-result').textContent()).toContain('200');

    const [request] = await receiver.waitFor(1, { path: '/console' });
    const payload = new Webhook(secret).verify(request!.body, headerRecord(request!)) as { type: string };
    expect(payload.type).toBe('hookline.test');
  });

  it('shows a delivery in the log with its attempt, status code and response body', async () => {
    const event = await api.publish({ type: eventType, data: { orderId: 1001, total: 42.5 } });
    const [delivery] = await api.waitForDeliveries(webhookId, 1, 'succeeded', 15_000);
    const row = page.getByTestId(`delivery-row-${delivery!.id}`);
    await eventually(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return (await row.getAttribute('data-status', { timeout: 2_000 }).catch(() => null)) === 'succeeded' ? true : undefined;
    });
    await row.getByRole('button', { name: 'View attempts' }).click();
    const attempt = page.getByTestId(`delivery-detail-${delivery!.id}`).getByTestId('attempt-1');
    await attempt.waitFor();
    const text = (await attempt.textContent()) ?? '';
    expect(text).toContain('200');
    expect(text).toContain('ok');
    expect(await page.getByTestId(`delivery-detail-${delivery!.id}`).textContent()).toContain(event.id);

    // The health panel: the delivery that just succeeded makes the endpoint healthy.
    const health = page.getByTestId('webhook-health');
    await health.getByRole('button', { name: 'Check again' }).click();
    await page.locator('[data-testid="webhook-health"][data-condition="healthy"]').waitFor();
    expect(await health.textContent()).toContain('0 of 30 failed attempts in the last 30 minutes');
    await screenshot(page, 'webhook-detail');
  });

  it('pauses and resumes the webhook with its toggle', async () => {
    const toggle = page.getByRole('switch', { name: 'Enabled' });
    await toggle.click();
    await byTestId(page, 'webhook-status', 'disabled').waitFor();
    expect((await api.subscription(webhookId)).status).toBe('disabled');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');

    await toggle.click();
    await byTestId(page, 'webhook-status', 'enabled').waitFor();
    expect((await api.subscription(webhookId)).status).toBe('enabled');
  });

  it('lists webhooks with their status badges, auto-disable reason included', async () => {
    const gone = await createSubscription(api, { name: unique('Legacy CRM'), url: receiver.url('/gone'), eventTypes: [eventType] });
    await api.publish({ type: eventType, data: { orderId: 1002, total: 10 } });
    await eventually(async () => ((await api.subscription(gone.id)).status === 'auto_disabled' ? true : undefined), 20_000);

    await page.goto(`${consoleUrl()}#/webhooks`);
    await byTestId(page, `webhook-row-${webhookId}`).waitFor();
    const goneRow = page.locator(`[data-testid="webhook-row-${gone.id}"][data-status="auto_disabled"]`);
    await goneRow.waitFor();
    expect(await goneRow.textContent()).toContain('410');
    expect(await page.locator(`[data-testid="webhook-row-${webhookId}"]`).getAttribute('data-status')).toBe('enabled');
    await screenshot(page, 'webhooks');

    // The row's toggle pauses it too.
    await page.locator(`[data-testid="webhook-row-${webhookId}"]`).getByRole('switch').click();
    await page.locator(`[data-testid="webhook-row-${webhookId}"][data-status="disabled"]`).waitFor();
    await page.locator(`[data-testid="webhook-row-${webhookId}"]`).getByRole('switch').click();
    await page.locator(`[data-testid="webhook-row-${webhookId}"][data-status="enabled"]`).waitFor();
    expect((await api.subscription(webhookId)).status).toBe('enabled');
  });

  it('deletes a webhook after saying what happens to its pending deliveries', async () => {
    const doomed = await createSubscription(api, { name: unique('Old webhook'), url: receiver.url('/doomed'), eventTypes: [eventType] });
    await page.reload();
    const row = page.getByTestId(`webhook-row-${doomed.id}`);
    await row.waitFor();
    await row.getByRole('button', { name: `Actions for ${doomed.name}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/cancelled/i);
    await screenshot(page, 'delete-webhook');
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await api.registry.get(`/v1/subscriptions/${doomed.id}`)).status).toBe(404);
  });

  it('shows the event-type catalog and finds events with their deliveries', async () => {
    await page.goto(`${consoleUrl()}#/event-types`);
    await page.getByTestId(`event-type-row-${eventType}`).waitFor();
    await screenshot(page, 'event-types');

    await page.goto(`${consoleUrl()}#/events?type=${encodeURIComponent(eventType)}`);
    const table = page.getByTestId('events-table');
    await table.waitFor();
    const events = expectStatus(await api.ingest.get<{ data: { id: string }[] }>('/v1/events', { query: { type: eventType } }), 200).data;
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const event of events) await page.getByTestId(`event-row-${event.id}`).waitFor();
    await screenshot(page, 'events');

    await page.getByTestId(`event-row-${events[0]!.id}`).getByRole('link').first().click();
    const deliveries = page.getByTestId('event-deliveries');
    await deliveries.waitFor();
    // Each delivery names its webhook once the webhooks' names are loaded.
    await deliveries.getByText(webhookName).waitFor();
    await screenshot(page, 'event');
  });

  it('switches to Arabic: the layout mirrors while URLs and ids stay left to right', async () => {
    await page.goto(`${consoleUrl()}#/webhooks`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await eventually(async () => ((await documentDirection(page)).dir === 'rtl' ? true : undefined), 5_000);
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });

    const row = page.getByTestId(`webhook-row-${webhookId}`);
    await row.waitFor();
    await row.locator('bdi[dir="ltr"]', { hasText: '127.0.0.1' }).first().waitFor();
    const urlDirection = await page.evaluate<string>(
      `[...document.querySelectorAll('[data-testid="webhook-row-${webhookId}"] bdi[dir="ltr"]')].find((element) => element.textContent.includes('127.0.0.1')).matches(':dir(ltr)') ? 'ltr' : 'rtl'`,
    );
    expect(urlDirection).toBe('ltr');
    // Mirrored: the brand sits at the right edge, the sign-out button at the left.
    const brand = await page.locator('.brand').boundingBox();
    const signOut = await page.locator('.topbar-end').boundingBox();
    expect(brand!.x).toBeGreaterThan(signOut!.x);
    await screenshot(page, 'webhooks');

    await page.goto(`${consoleUrl()}#/webhooks/${webhookId}`);
    await byTestId(page, 'webhook-status', 'enabled').waitFor();
    await page.locator('[data-testid^="delivery-row-"]').first().waitFor();
    await screenshot(page, 'webhook-detail');
    await page.goto(`${consoleUrl()}#/webhooks/${webhookId}/edit`);
    await page.getByTestId('webhook-form').waitFor();
    await screenshot(page, 'webhook-form');
    await page.goto(`${consoleUrl()}#/event-types`);
    await page.getByTestId(`event-type-row-${eventType}`).waitFor();
    await screenshot(page, 'event-types');
    await page.goto(`${consoleUrl()}#/events?type=${encodeURIComponent(eventType)}`);
    await page.locator('[data-testid^="event-row-"]').first().waitFor();
    await screenshot(page, 'events');

    // The choice outlives a reload; the session (this tab's storage) does too.
    await page.reload();
    await page.getByTestId('tenant-name').waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });

    // Signed out, the page keeps the language picked with the switch.
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.locator('#api-key').waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });
    await screenshot(page, 'sign-in');
    await signIn(page, api.tenant.apiKey);
  });

  it('speaks the browser’s language before sign-in and the tenant’s after', async () => {
    const hebrewTenant = await createTenant({ name: 'חנות הצפון', locale: 'he' });
    const icelandic = await consoleContext(browser, ['is-IS', 'is']);
    try {
      const fresh = await icelandic.newPage();
      await fresh.goto(consoleUrl());
      await fresh.locator('#api-key').waitFor();
      expect(await documentDirection(fresh)).toEqual({ dir: 'ltr', lang: 'is' });
      expect(await fresh.locator('form.sign-in-card button[type="submit"]').textContent()).toBe('Skrá inn');

      await signIn(fresh, hebrewTenant.tenant.apiKey);
      expect(await documentDirection(fresh)).toEqual({ dir: 'rtl', lang: 'he' });
      await screenshot(fresh, 'webhooks-empty');

      // Signed out, there is no tenant: the browser's language again.
      await fresh.getByRole('button', { name: 'התנתקות' }).click();
      await fresh.locator('#api-key').waitFor();
      expect(await fresh.evaluate<string | null>(`sessionStorage.getItem('${apiKeyItem}')`)).toBeNull();
      expect(await documentDirection(fresh)).toEqual({ dir: 'ltr', lang: 'is' });
    } finally {
      await icelandic.close();
    }
  });
});
