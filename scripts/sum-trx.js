// Sums the TRX counters of every test suite into the one closing line CI reads: "N passed, N failed, N skipped".
// Usage: node scripts/sum-trx.js RESULTS_DIR TESTS_DIR DOTNET_SUITES [NODE_SUITE...], DOTNET_SUITES being the
// comma-separated test projects that ran (each must be a folder of TESTS_DIR). A test project that left no TRX file
// counts as one failure; so does a node:test suite that left no RESULTS_DIR/node-NAME.xml (JUnit, one <testcase> per
// test). Each line of RESULTS_DIR/failed-steps.txt (a step that is no suite, such as the pages' type check, which
// ./glue writes) counts as one failure too. Exits 1 when anything failed or when no test ran at all.
const fs = require('fs');
const path = require('path');
const [resultsDir, testsDir, dotnetSuites, ...nodeSuites] = process.argv.slice(2);

const suites = (dotnetSuites || '').split(',').filter(Boolean);
for (const suite of suites) {
  if (!fs.existsSync(path.join(testsDir, suite, `${suite}.csproj`))) {
    console.error(`sum-trx: ${suite} is not a test project in ${testsDir}`);
    process.exit(2);
  }
}
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
for (const suite of nodeSuites) {
  const xml = path.join(resultsDir, `node-${suite}.xml`);
  if (!fs.existsSync(xml)) {
    console.log(`node ${suite}: no results (the suite crashed or did not run)`);
    failed += 1;
    continue;
  }
  // Each piece after a "<testcase" runs up to the next one: a failed or skipped test has its element there.
  const cases = fs.readFileSync(xml, 'utf8').split('<testcase ').slice(1);
  const f = cases.filter((c) => c.includes('<failure')).length;
  const s = cases.filter((c) => c.includes('<skipped')).length;
  console.log(`node ${suite}: ${cases.length - f - s} passed, ${f} failed, ${s} skipped`);
  passed += cases.length - f - s; failed += f; skipped += s;
}
const stepsFile = path.join(resultsDir, 'failed-steps.txt');
for (const step of fs.existsSync(stepsFile) ? fs.readFileSync(stepsFile, 'utf8').split('\n').filter(Boolean) : []) {
  console.log(`${step}: failed (a step, not a test suite; its log says why)`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
