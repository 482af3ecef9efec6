// k6/metrics for the offline check: each metric is recorded (name, type) in the run being checked.
import { registerMetric } from '../registry.mjs';

class Metric {
  constructor(type, name, isTime = false) {
    registerMetric(name, type, isTime);
    this.name = name;
  }

  add() {}
}

export class Counter extends Metric {
  constructor(name, isTime) {
    super('counter', name, isTime);
  }
}

export class Gauge extends Metric {
  constructor(name, isTime) {
    super('gauge', name, isTime);
  }
}

export class Rate extends Metric {
  constructor(name, isTime) {
    super('rate', name, isTime);
  }
}

export class Trend extends Metric {
  constructor(name, isTime) {
    super('trend', name, isTime);
  }
}
