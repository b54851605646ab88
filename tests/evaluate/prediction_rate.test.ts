import assert from "node:assert/strict";
import { inferSampleRate, isPlausibleRate } from "../../lib/evaluate/prediction_rate.ts";

Deno.test("inferSampleRate() keeps the fallback when the rows agree with it", () => {
  for (const rows of [5000, 4999, 5001, 4990]) {
    const r = inferSampleRate(rows, { truthDurationS: 10, fallbackHz: 500 });
    assert.deepEqual(r, { sampleRateHz: 500, source: "assumed", warning: null, ambiguous: false });
  }
});

Deno.test("inferSampleRate() takes rows / duration when it is a plausible rate", () => {
  const r = inferSampleRate(2500, { truthDurationS: 10 });
  assert.equal(r.sampleRateHz, 250);
  assert.equal(r.source, "inferred");
  assert.match(
    r.warning!,
    /rate inferred as 250 Hz \(2500 rows over the truth's 10 s\), not 500 Hz/,
  );
  assert.equal(inferSampleRate(1000).sampleRateHz, 100);
  assert.equal(inferSampleRate(3600).sampleRateHz, 360);
  assert.equal(inferSampleRate(2501).sampleRateHz, 250); // an extra row
  // A 2.5 s truth (one short panel) and 625 rows: 250 Hz over the truth, not 62.5 Hz over 10 s.
  assert.equal(inferSampleRate(625, { truthDurationS: 2.5 }).sampleRateHz, 250);
});

Deno.test("inferSampleRate() warns and keeps the fallback when the rows give no plausible rate", () => {
  const r = inferSampleRate(4730);
  assert.equal(r.sampleRateHz, 500);
  assert.equal(r.source, "assumed");
  assert.match(
    r.warning!,
    /4730 rows are not 500 Hz over the truth's 10 s.*473 Hz is no common rate/,
  );
});

Deno.test("inferSampleRate() says when the truth's duration and 10 s give different rates", () => {
  // 5 s of truth: 2500 rows are 500 Hz over it... and 250 Hz over 10 s; the fallback 1000 fits neither.
  const r = inferSampleRate(2500, { truthDurationS: 5, fallbackHz: 1000 });
  assert.equal(r.sampleRateHz, 500);
  assert.ok(r.ambiguous);
  assert.match(r.warning!, /ambiguous: 250 Hz \(2500 rows over 10 s\) would also fit/);
  assert.throws(() => inferSampleRate(-1), RangeError);
  assert.throws(() => inferSampleRate(10, { truthDurationS: 0 }), RangeError);
});

Deno.test("isPlausibleRate() accepts multiples of 50 Hz and the usual odd rates", () => {
  assert.ok([50, 100, 125, 128, 250, 256, 360, 500, 1000, 1024, 10_000].every(isPlausibleRate));
  assert.ok(![49, 62.5, 473, 10_050, 0].some(isPlausibleRate));
});
