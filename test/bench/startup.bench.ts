import { launchBrowser, newPage } from '../helpers/browser';
import { startTestApp } from '../helpers/webApp';
import { record } from './results';

/** Renderer's first usable screen (browser mode, built bundle) beside a blank page from the same server. */
export default async function startupBench() {
  const app = await startTestApp();
  const browser = await launchBrowser();
  try {
    const blank: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await newPage(browser);
      let t = performance.now();
      await page.goto(`${app.web.url}/favicon-missing.txt`).catch(() => undefined);
      blank.push(performance.now() - t);
      t = performance.now();
      await page.goto(app.web.openUrl);
      await page.getByText('Selamat datang di Dinsos Desk').waitFor();
      first.push(performance.now() - t);
      await page.context().close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`first screen (wizard) median of 5: ${median(first).toFixed(0)} ms   target < 1000 ms (issue 20)`);
    console.log(`yardstick: a bare 404 page from the same server: ${median(blank).toFixed(0)} ms`);
    record({ name: 'first screen (wizard)', median: median(first), yardstick: null, target: 1000, unit: 'ms', note: `median of 5; a bare 404 page ${median(blank).toFixed(0)} ms` });
  } finally {
    await browser.close();
    await app.stop();
  }
}
