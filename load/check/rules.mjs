// k6's options as its documentation types them (k6 2.x: "Scenarios", "Executors", "Thresholds",
// "Metrics"), checked against a scenario module's exported `options`. Written from those pages,
// not from k6's code; where a page is silent the stricter reading is taken (unknown fields in a
// scenario are an error: k6 reads scenarios strictly).

// ---------------------------------------------------------------- value types

/** Seconds in a k6 duration string: Go's syntax ("1h30m", "1.5s", "250ms"), "<days>d" before it, or a bare number of milliseconds. */
export function parseDuration(text) {
  if (typeof text !== 'string' || text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) / 1000;
  let rest = text;
  let seconds = 0;
  const days = rest.match(/^(\d+)d/);
  if (days) {
    seconds += Number(days[1]) * 86400;
    rest = rest.slice(days[0].length);
    if (rest === '') return seconds;
  }
  const units = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  while (rest !== '') {
    const part = rest.match(/^(\d+\.?\d*|\.\d+)(ms|us|µs|ns|h|m|s)/);
    if (!part) return null;
    seconds += Number(part[1]) * units[part[2]];
    rest = rest.slice(part[0].length);
  }
  return seconds;
}

const isInteger = (value) => typeof value === 'number' && Number.isSafeInteger(value);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** One field's type check: null when fine, else what is wrong. */
const TYPES = {
  integer: (value) => (isInteger(value) ? null : `must be an integer (k6 holds it as int64), got ${JSON.stringify(value)}`),
  duration: (value) => (parseDuration(value) !== null ? null : `must be a duration string such as "30s", got ${JSON.stringify(value)}`),
  string: (value) => (typeof value === 'string' && value !== '' ? null : `must be a non-empty string, got ${JSON.stringify(value)}`),
  stringMap: (value) =>
    isObject(value) && Object.values(value).every((entry) => typeof entry === 'string') ? null : 'must be an object of strings',
  object: (value) => (isObject(value) ? null : 'must be an object'),
  stages: (value) => (Array.isArray(value) && value.length > 0 ? null : 'must be a non-empty array of { duration, target }'),
};

// ---------------------------------------------------------------- scenarios

const COMMON = { executor: 'string', startTime: 'duration', gracefulStop: 'duration', exec: 'string', env: 'stringMap', tags: 'stringMap', options: 'object' };

/** Per executor: its fields with their type, `true` when required. */
const EXECUTORS = {
  'shared-iterations': { vus: ['integer'], iterations: ['integer'], maxDuration: ['duration'] },
  'per-vu-iterations': { vus: ['integer'], iterations: ['integer'], maxDuration: ['duration'] },
  'constant-vus': { vus: ['integer'], duration: ['duration', true] },
  'ramping-vus': { startVUs: ['integer'], stages: ['stages', true], gracefulRampDown: ['duration'] },
  'constant-arrival-rate': {
    duration: ['duration', true],
    rate: ['integer', true],
    timeUnit: ['duration'],
    preAllocatedVUs: ['integer', true],
    maxVUs: ['integer'],
  },
  'ramping-arrival-rate': {
    stages: ['stages', true],
    startRate: ['integer'],
    timeUnit: ['duration'],
    preAllocatedVUs: ['integer', true],
    maxVUs: ['integer'],
  },
  'externally-controlled': { vus: ['integer'], maxVUs: ['integer'], duration: ['duration', true] },
};

const SCENARIO_NAME = /^[0-9a-zA-Z_-]+$/;

/** The limits the executors' pages state beyond the types (durations of at least 1 s, counts of at least 1, ...). */
function limits(executor, s) {
  const problems = [];
  const atLeast = (field, min, fallback) => {
    const value = s[field] ?? fallback;
    if (isInteger(value) && value < min) problems.push(`${field} must be at least ${min}, got ${value}`);
  };
  const minDuration = (field, min) => {
    const seconds = parseDuration(s[field]);
    if (s[field] !== undefined && seconds !== null && seconds < min) problems.push(`${field} must be at least ${min}s, got ${s[field]}`);
  };
  if (executor === 'shared-iterations' || executor === 'per-vu-iterations') {
    atLeast('vus', 1, 1);
    atLeast('iterations', 1, 1);
    minDuration('maxDuration', 1);
    if (executor === 'shared-iterations' && (s.iterations ?? 1) < (s.vus ?? 1)) problems.push(`iterations (${s.iterations ?? 1}) can't be less than vus (${s.vus ?? 1})`);
  }
  if (executor === 'constant-vus') {
    atLeast('vus', 1, 1);
    minDuration('duration', 1);
  }
  if (executor === 'constant-arrival-rate') {
    atLeast('rate', 1);
    minDuration('duration', 1);
  }
  if (executor === 'ramping-arrival-rate') atLeast('startRate', 0);
  if (executor === 'ramping-vus') atLeast('startVUs', 0);
  if (executor.endsWith('arrival-rate')) {
    atLeast('preAllocatedVUs', 0);
    if (s.timeUnit !== undefined && !(parseDuration(s.timeUnit) > 0)) problems.push(`timeUnit must be more than 0, got ${s.timeUnit}`);
    if (isInteger(s.maxVUs) && isInteger(s.preAllocatedVUs) && s.maxVUs < s.preAllocatedVUs) {
      problems.push(`maxVUs (${s.maxVUs}) can't be less than preAllocatedVUs (${s.preAllocatedVUs})`);
    }
  }
  if (Array.isArray(s.stages)) {
    s.stages.forEach((stage, index) => {
      const where = `stages[${index}]`;
      if (!isObject(stage)) return problems.push(`${where} must be an object`);
      for (const key of Object.keys(stage)) if (key !== 'duration' && key !== 'target') problems.push(`${where}.${key} is not a stage field`);
      const duration = TYPES.duration(stage.duration);
      if (duration) problems.push(`${where}.duration ${duration}`);
      const target = TYPES.integer(stage.target);
      if (target) problems.push(`${where}.target ${target}`);
      else if (stage.target < 0) problems.push(`${where}.target can't be negative`);
    });
  }
  return problems;
}

/** Problems of one scenario; `exports` are the module's exports (for `exec`). */
export function checkScenario(name, scenario, exports) {
  const problems = [];
  if (!SCENARIO_NAME.test(name)) problems.push('its name must hold only latin letters, digits, underscores and dashes');
  if (!isObject(scenario)) return [...problems, 'must be an object'];
  const fields = EXECUTORS[scenario.executor];
  if (fields === undefined) return [...problems, `unknown executor ${JSON.stringify(scenario.executor)}`];
  for (const [field, value] of Object.entries(scenario)) {
    const type = COMMON[field] ?? fields[field]?.[0];
    if (type === undefined) problems.push(`${field} is not an option of ${scenario.executor}`);
    else if (value !== undefined) {
      const wrong = TYPES[type](value);
      if (wrong) problems.push(`${field} ${wrong}`);
    }
  }
  for (const [field, [, required]] of Object.entries(fields)) {
    if (required && scenario[field] === undefined) problems.push(`${field} is required by ${scenario.executor}`);
  }
  const exec = scenario.exec ?? 'default';
  if (typeof exports[exec] !== 'function') problems.push(`exec "${exec}" is not an exported function`);
  return [...problems, ...limits(scenario.executor, scenario)];
}

// ---------------------------------------------------------------- thresholds

/** k6's built-in metrics (docs: "Built-in metrics", standard and HTTP) and their types. */
export const BUILT_IN_METRICS = {
  checks: 'rate',
  data_received: 'counter',
  data_sent: 'counter',
  dropped_iterations: 'counter',
  iteration_duration: 'trend',
  iterations: 'counter',
  vus: 'gauge',
  vus_max: 'gauge',
  http_req_blocked: 'trend',
  http_req_connecting: 'trend',
  http_req_duration: 'trend',
  http_req_failed: 'rate',
  http_req_receiving: 'trend',
  http_req_sending: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_waiting: 'trend',
  http_reqs: 'counter',
};

/** The aggregation methods each metric type supports in a threshold (docs: "Aggregation methods by type"). */
const METHODS = { counter: ['count', 'rate'], gauge: ['value'], rate: ['rate'], trend: ['avg', 'min', 'max', 'med', 'p'] };

/**
 * A threshold expression by the documented grammar:
 *   assertion -> aggregation_method whitespace* operator whitespace* float
 *   operator  -> ">" | ">=" | "<=" | "<" | "==" | "===" | "!="
 *   float     -> digit+ ("." digit+)?
 *   percentile -> "p(" float ")", between 0 and 100
 */
export function parseExpression(text) {
  const match = /^\s*([a-z]+(?:\([^)]*\))?)\s*(<=|>=|===|==|!=|<|>)\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return { error: `"${text}" is not "<aggregation> <operator> <number>"` };
  const [, method, operator, value] = match;
  const percentile = /^p\((\d+(?:\.\d+)?)\)$/.exec(method);
  if (method.startsWith('p(') && (!percentile || Number(percentile[1]) > 100)) {
    return { error: `"${text}": a percentile is p(N) with N from 0 to 100` };
  }
  return { method: percentile ? 'p' : method, operator, value: Number(value) };
}

/** Whether `lhs operator value` holds. */
export function holds(lhs, operator, value) {
  switch (operator) {
    case '>': return lhs > value;
    case '>=': return lhs >= value;
    case '<': return lhs < value;
    case '<=': return lhs <= value;
    case '!=': return lhs !== value;
    default: return lhs === value;
  }
}

/** "name{tag:value,...}" into its parts, or null when it is not a metric (with an optional tag selector). */
export function parseMetricKey(key) {
  const match = /^([^{}]+?)(\{(?:[^{}:,]+:[^{}]*)(?:,[^{}:,]+:[^{}]*)*\})?$/.exec(key);
  return match ? { name: match[1], selector: match[2] ?? '' } : null;
}

/**
 * The counter whose samples come with each sample of a Rate: its `<name>_samples` counter
 * (load/lib/options.ts), or for k6's built-in Rates the built-in counter that counts the same events.
 */
const GUARD_OF = { http_req_failed: 'http_reqs', checks: 'iterations' };

/**
 * Problems of the `thresholds` option, given the metrics the module defined. A threshold on a
 * Rate that an empty metric would fail (rate>0.5, rate==1) passes in k6 when the metric got no
 * sample (a Rate has no value then), so it must come with a guard: a `count` threshold that 0
 * fails, on the counter of the Rate's samples, with the same selector.
 */
export function checkThresholds(thresholds, metrics) {
  const problems = [];
  if (!isObject(thresholds)) return ['thresholds must be an object'];
  const typeOf = (name) => metrics.get(name)?.type ?? BUILT_IN_METRICS[name];
  const expressionsOf = (list) =>
    (Array.isArray(list) ? list : []).map((entry) => (isObject(entry) ? entry.threshold : entry));
  for (const [key, list] of Object.entries(thresholds)) {
    const parsed = parseMetricKey(key);
    if (parsed === null) {
      problems.push(`threshold key "${key}" is not a metric name with an optional {tag:value} selector`);
      continue;
    }
    const type = typeOf(parsed.name);
    if (type === undefined) {
      problems.push(`threshold on "${key}": no metric named "${parsed.name}" (neither built in nor created by the script)`);
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push(`thresholds of "${key}" must be an array`);
      continue;
    }
    for (const entry of list) {
      if (isObject(entry)) {
        for (const field of Object.keys(entry)) {
          if (!['threshold', 'abortOnFail', 'delayAbortEval'].includes(field)) problems.push(`threshold of "${key}": unknown field ${field}`);
        }
      }
      const text = isObject(entry) ? entry.threshold : entry;
      if (typeof text !== 'string') {
        problems.push(`threshold of "${key}" must be a string or { threshold }`);
        continue;
      }
      const expression = parseExpression(text);
      if (expression.error) {
        problems.push(`threshold on "${key}": ${expression.error}`);
        continue;
      }
      if (!METHODS[type].includes(expression.method)) {
        problems.push(`threshold "${text}" on "${key}": a ${type} supports ${METHODS[type].join(', ')}`);
        continue;
      }
      if (type !== 'rate' || holds(0, expression.operator, expression.value)) continue;
      const guardName = GUARD_OF[parsed.name] ?? `${parsed.name}_samples`;
      const guardKey = `${guardName}${parsed.selector}`;
      const guarded =
        typeOf(guardName) === 'counter' &&
        expressionsOf(thresholds[guardKey]).some((other) => {
          const guard = typeof other === 'string' ? parseExpression(other) : { error: true };
          return !guard.error && guard.method === 'count' && !holds(0, guard.operator, guard.value);
        });
      if (!guarded) {
        problems.push(`"${text}" on "${key}" passes when the Rate got no sample: it needs "count>0" on "${guardKey}" (a counter of its samples)`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the whole options object

const TREND_STAT = /^(avg|min|med|max|count|p\((\d+(\.\d+)?)\))$/;

/** Every problem k6 would have with a module's `options` (and exports). */
export function checkOptions(exports, metrics) {
  const options = exports.options;
  if (!isObject(options)) return ['exports no `options` object'];
  const problems = [];
  if (options.scenarios !== undefined) {
    if (!isObject(options.scenarios) || Object.keys(options.scenarios).length === 0) problems.push('scenarios must be a non-empty object');
    else {
      for (const [name, scenario] of Object.entries(options.scenarios)) {
        for (const problem of checkScenario(name, scenario, exports)) problems.push(`scenario "${name}": ${problem}`);
      }
    }
  }
  if (options.thresholds !== undefined) problems.push(...checkThresholds(options.thresholds, metrics));
  if (options.summaryTrendStats !== undefined) {
    const stats = Array.isArray(options.summaryTrendStats) ? options.summaryTrendStats : [null];
    for (const stat of stats) {
      const match = typeof stat === 'string' ? TREND_STAT.exec(stat) : null;
      if (!match || (match[2] !== undefined && Number(match[2]) > 100)) problems.push(`summaryTrendStats: ${JSON.stringify(stat)} is not a trend statistic`);
    }
  }
  for (const name of ['setup', 'teardown', 'handleSummary']) {
    if (exports[name] !== undefined && typeof exports[name] !== 'function') problems.push(`export ${name} must be a function`);
  }
  // What k6 reads is the options' JSON: a NaN or an Infinity would arrive as null.
  JSON.stringify(options, (key, value) => {
    if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`option ${key} is ${value}`);
    return value;
  });
  return problems;
}
