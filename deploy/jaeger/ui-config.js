// Jaeger UI configuration (jaeger_query's ui.config_file): from a trace, and from a span, to its
// log lines in VictoriaLogs' web UI. A JS file rather than JSON because the trace's link pads the
// trace's time range by 2 s on each side: log times are pino's milliseconds, and a request's last
// line ("request completed") is written just after its span ends, so the exact range misses
// lines; Jaeger's #{startTime} templates cannot do arithmetic, a template function can.
// The VictoriaLogs address is the one compose publishes; local mode and the Helm chart rewrite it.
function UIConfig() {
  var victoriaLogsUi = 'http://localhost:9428/select/vmui/';
  var padMicros = 2000000;
  function logsLink(query) {
    // The UI's own time picker spans the retention (7 days): the query's _time filter narrows it.
    return victoriaLogsUi + '#/?query=' + encodeURIComponent(query) + '&g0.relative_time=last_7_days';
  }
  return {
    menu: [{ label: 'Logs (VictoriaLogs)', url: victoriaLogsUi }],
    linkPatterns: [
      {
        type: 'traces',
        text: 'Log lines of this trace (VictoriaLogs)',
        url: {
          parameters: ['traceID', 'startTime', 'endTime'],
          template: function (trace) {
            var from = Math.floor(trace.startTime - padMicros);
            var to = Math.ceil(trace.endTime + padMicros);
            return logsLink('trace_id:"' + trace.traceID + '" _time:[' + from + ', ' + to + '] | sort by (_time)');
          },
        },
      },
      {
        // Shown beside the attributes most spans carry; needs a Jaeger UI that offers #{spanID} to
        // span links (older ones skip the link and log why in the browser console).
        type: ['attributes', 'tags'],
        key: ['http.request.method', 'rpc.method', 'db.system.name', 'messaging.system', 'shop.order.id'],
        text: "Log lines of this span (VictoriaLogs)",
        url: {
          parameters: ['trace.traceID', 'spanID'],
          template: function (values) {
            return logsLink('trace_id:"' + values['trace.traceID'] + '" span_id:"' + values.spanID + '" | sort by (_time)');
          },
        },
      },
    ],
  };
}
