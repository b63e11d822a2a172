// A page object for the app: navigation and reading what the user sees, by test id and label.
import { waitForApp } from './harness.mjs';

/**
 * A fresh profile of `suite` (harness.mjs's chromiumSuite) at `viewport` (plus browser-context
 * `options`): the session `s` and its page object `app`.
 */
export async function appSession(suite, viewport, options = {}) {
  const s = await suite.session({ ...viewport, ...options });
  return { s, app: new App(s) };
}

export class App {
  constructor(session, baseUrl = session.server?.url) {
    this.s = session;
    this.page = session.page;
    this.baseUrl = baseUrl;
  }

  async open(hash = '') {
    await this.page.goto(this.baseUrl + hash);
    await waitForApp(this.page);
  }

  /** Ids of the task rows in the list (in order). */
  async taskIds(scope = this.page) {
    return scope
      .getByTestId('task-row')
      .evaluateAll((els) => els.map((el) => Number(el.dataset.taskId)));
  }

  /** Waits until the list shows exactly `n` task rows (long lists render in slices). */
  async waitForRows(n) {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid="task-row"]').length === n, n);
  }

  async resultCount() {
    return this.page.getByTestId('result-count').textContent();
  }

  async search(text) {
    await this.page.getByLabel('搜索任务').fill(text);
  }

  /** Clicks the facet value whose label starts with `label` in the facet group `testid`. */
  async facet(testid, label) {
    const link = this.page.getByTestId(testid).locator('a.facet-link', { hasText: label }).first();
    await link.click();
  }

  /** The hash part of the current URL. */
  async hash() {
    return this.page.evaluate(() => location.hash);
  }
}
