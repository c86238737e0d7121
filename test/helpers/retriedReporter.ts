/**
 * Names every test that needed its retry (vitest.config.ts): it passed, so the run passes, but CI keeps only
 * the log's tail, and a test that fails now and then must stay visible until its cause is found. Written to the
 * file named by DINSOS_TEST_RETRIED_FILE; scripts/test.mjs prints it above the closing line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

export default class RetriedReporter implements Reporter {
  private readonly retried: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const { retryCount } = test.diagnostic() ?? { retryCount: 0 };
    if (retryCount === 0) return;
    const file = path.relative(process.cwd(), test.module.moduleId);
    this.retried.push(`${file} > ${test.fullName} (${test.result().state} after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'})`);
  }

  onTestRunEnd(): void {
    const out = process.env.DINSOS_TEST_RETRIED_FILE;
    if (out) fs.writeFileSync(out, JSON.stringify(this.retried, null, 2));
  }
}
