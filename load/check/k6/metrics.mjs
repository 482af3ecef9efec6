// k6/metrics for the offline check: each metric is recorded (name, type) in the run being checked.
import { registerMetric } from '../registry.mjs';

const metricOf = (type) =>
  class {
    constructor(name, isTime = false) {
      registerMetric(name, type, isTime);
      this.name = name;
    }

    add() {}
  };

export const Counter = metricOf('counter');
export const Gauge = metricOf('gauge');
export const Rate = metricOf('rate');
export const Trend = metricOf('trend');
