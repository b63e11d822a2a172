// A page object for the app: navigation and reading what the user sees, by test id and label.
import { waitForApp } from './harness.mjs';

export class App {
  constructor(session, baseUrl) {
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
