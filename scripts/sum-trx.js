// Sums the TRX counters of every test suite into the one closing line CI reads: "N passed, N failed, N skipped".
// Usage: node scripts/sum-trx.js RESULTS_DIR TESTS_DIR. A test project that left no TRX file counts as one failure.
// Exits 1 when anything failed or when no test ran at all.
const fs = require('fs');
const path = require('path');
const [resultsDir, testsDir] = process.argv.slice(2);

const suites = fs.readdirSync(testsDir)
  .filter((d) => /\.(Tests|EndToEnd)$/.test(d) && fs.existsSync(path.join(testsDir, d, `${d}.csproj`)));
let passed = 0, failed = 0, skipped = 0;
for (const suite of suites) {
  const trx = path.join(resultsDir, `${suite}.trx`);
  if (!fs.existsSync(trx)) {
    console.log(`${suite}: no results (the suite crashed or did not build)`);
    failed += 1;
    continue;
  }
  const counters = /<Counters\b([^>]*)>/.exec(fs.readFileSync(trx, 'utf8'));
  const read = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters ? counters[1] : '') || [0, 0])[1]);
  const p = read('passed');
  const f = read('failed') + read('error') + read('timeout') + read('aborted');
  const s = read('notExecuted') + read('inconclusive');
  console.log(`${suite}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p; failed += f; skipped += s;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
