// Parses every *.json card in a folder with the reference Adaptive Cards renderer library and reports every
// parse or validation event. Exit 0: all cards clean; 1: problems found; 2: usage or setup error.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
if (!dir || !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node tests/cards/check-cards.js DIR (a folder of card .json files)');
  process.exit(2);
}
let AC;
try {
  // The package's lib/ entry fails under Node's ESM resolver; the bundled dist build loads fine.
  AC = require('adaptivecards/dist/adaptivecards.js');
} catch (e) {
  console.error('The npm package adaptivecards is not installed: run `npm install` at the repository root. ' + e.message);
  process.exit(2);
}

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`No .json cards in ${dir}.`);
  process.exit(2);
}
let failures = 0;
for (const file of files) {
  const problems = [];
  try {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const context = new AC.SerializationContext();
    const card = new AC.AdaptiveCard();
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      problems.push(`parse: ${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`);
    }
    for (const e of card.validateProperties().validationEvents) {
      problems.push(`validate: ${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`);
    }
  } catch (e) {
    problems.push(`error: ${e.message}`);
  }
  if (problems.length > 0) {
    failures++;
    console.log(`FAIL ${file}`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`ok   ${file}`);
  }
}
console.log(`${files.length - failures} of ${files.length} cards parse without errors.`);
process.exit(failures > 0 ? 1 : 0);
