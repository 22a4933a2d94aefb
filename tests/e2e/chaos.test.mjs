// The outbox under faults (issue 17): about 100 submissions of mixed kinds
// through a fault proxy, offline spells, reloads and a second tab. Every
// one lands on the server exactly once. The 1,000-submission run is in
// tools/bench.sh --only chaos. Seed: CHAOS_SEED (default 17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runChaos, describe } from '../../tools/chaos/run.mjs';

test('chaos run: every submission is stored exactly once, none lost, none left pending', { timeout: 600_000 }, async () => {
  const figures = await runChaos({
    submissions: Number(process.env.CHAOS_SUBMISSIONS ?? 100),
    viaForm: 5,
    seed: Number(process.env.CHAOS_SEED ?? 17),
  });
  for (const line of describe(figures)) console.log(`# ${line}`);
  assert.equal(figures.lost, 0, 'lost');
  assert.equal(figures.stored_twice, 0, 'stored twice');
  assert.equal(figures.pending_at_end, 0, 'still pending once the faults stopped');
  assert.equal(figures.rejected, 0, 'refused by the server');
  assert.equal(figures.stored_once, figures.submissions);
  // The faults really happened: each kind at least once.
  for (const [fault, count] of Object.entries(figures.faults)) {
    if (fault !== 'after') assert.ok(count > 0, `fault ${fault} never drawn`);
  }
  assert.ok(figures.server_posts > figures.submissions, 'retries reached the server');
  assert.deepEqual(figures.page_errors, []);
});
