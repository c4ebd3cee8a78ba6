// Adds up vitest JSON reports into the one line CI reads. A missing or unreadable report counts as a failure.
import fs from "node:fs";

let passed = 0;
let failed = 0;
let broken = false;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // Files that failed to load (syntax error, failing hook) have no counted tests but must fail CI.
    const brokenSuites = report.testResults.filter(
      (r) => r.status === "failed" && r.assertionResults.every((a) => a.status !== "failed"),
    );
    if (brokenSuites.length) {
      failed += brokenSuites.length;
      for (const s of brokenSuites)
        console.error(`suite failed outside a test: ${s.name}: ${String(s.message).slice(0, 300)}`);
    }
    // The failed tests by name, with the first lines of their messages: the tail of a CI log is often all
    // anyone sees of it.
    for (const suite of report.testResults)
      for (const test of suite.assertionResults.filter((a) => a.status === "failed"))
        console.log(
          `failed: ${suite.name} > ${test.fullName}\n  ${String(test.failureMessages?.[0] ?? "")
            .split("\n")
            .slice(0, 4)
            .join("\n  ")
            .slice(0, 600)}`,
        );
    console.log(
      `${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`,
    );
  } catch (error) {
    broken = true;
    console.error(`${file}: no readable report (${error.message})`);
  }
}
if (broken) failed += 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
