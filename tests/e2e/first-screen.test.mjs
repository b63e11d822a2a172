// The first screen: the release build lists every task of the embedded dataset, with no console
// error and no request off the origin; and a browser that cannot run the app is told so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite, ds, screenshot, VIEWPORTS } from './harness.mjs';

const web = chromiumSuite();

for (const vp of VIEWPORTS) {
  test(`lists every task with number, name, lead and deadline (${vp.name})`, async () => {
    const s = await web.open('', vp);
    await assert.doesNotReject(s.page.getByRole('heading', { name: ds.meta.title }).first().waitFor());
    const rows = s.page.getByTestId('task-row');
    assert.equal(await rows.count(), ds.tasks.length);
    const texts = await rows.evaluateAll((els) =>
      els.map((el) => ({
        id: Number(el.dataset.taskId),
        text: el.textContent,
      })),
    );
    ds.tasks.forEach((task, i) => {
      assert.equal(texts[i].id, task.id);
      for (const part of [String(task.id), task.name, task.lead_text, task.deadline_text]) {
        assert.ok(texts[i].text.includes(part), `task ${task.id} shows ${part}`);
      }
    });
    await screenshot(s.page, 'tasks');
    s.assertClean();
    });
}

test('a browser without WebAssembly is told so in Chinese', async () => {
  const s = await web.session();
  await s.page.addInitScript(() => { delete window.WebAssembly; });
  await s.page.goto(s.server.url);
  const msg = s.page.locator('#boot-msg');
  await assert.doesNotReject(msg.filter({ hasText: '不支持 WebAssembly' }).waitFor());
  assert.equal(await s.page.getByTestId('app').count(), 0);
});

test('a wasm file that fails to load is reported instead of a blank page', async () => {
  const s = await web.session();
  s.allowConsoleError(/Failed to load resource|WebAssembly|wasm/i);
  await s.page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await s.page.goto(s.server.url);
  await assert.doesNotReject(
    s.page.locator('#boot-msg.boot-error').waitFor({ timeout: 20000 }),
  );
  const text = await s.page.locator('#boot-msg').textContent();
  assert.match(text, /失败/);
});
