// Runs the compose tier's files in name order: later files restart the stack and remove it.
module.exports = class NameOrder {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
  allFailedTests(tests) {
    return tests;
  }
  shard(tests) {
    return tests;
  }
  cacheResults() {}
};
