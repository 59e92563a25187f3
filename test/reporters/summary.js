// Prints one plain closing line, "Tests: N passed, N failed", that CI logs can be read by.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
    );
  }
}
module.exports = SummaryReporter;
