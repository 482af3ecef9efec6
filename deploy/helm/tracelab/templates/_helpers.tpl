{{/*
Shared helpers. Object names are the compose service names (see values.yaml), so the generated
collector, Jaeger and Prometheus configurations reach each other exactly as under compose.
*/}}

{{- define "tracelab.chart" -}}
{{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Labels of every object; call with (dict "root" $ "component" "gateway"). */}}
{{- define "tracelab.labels" -}}
helm.sh/chart: {{ include "tracelab.chart" .root }}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: tracelab
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Selector labels (immutable in Deployments/StatefulSets: name and instance only). */}}
{{- define "tracelab.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Image of one of the six services; call with (dict "root" $ "name" "gateway" "svc" $svc). */}}
{{- define "tracelab.serviceImage" -}}
{{- $img := .svc.image | default dict -}}
{{- $repository := $img.repository | default (printf "%s/%s" .root.Values.image.repository .name) -}}
{{- $tag := $img.tag | default .root.Values.image.tag | toString -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}

{{- define "tracelab.image" -}}
{{- printf "%s:%s" .repository (toString .tag) -}}
{{- end -}}

{{/* Where the services send OTLP: the in-chart collector's HTTP port, or its gRPC port for otel.protocol=grpc. */}}
{{- define "tracelab.otlpEndpoint" -}}
{{- if .Values.otlp.endpoint -}}
{{- .Values.otlp.endpoint -}}
{{- else if and .Values.collector.enabled (eq .Values.otel.protocol "grpc") -}}
http://otel-collector:4317
{{- else if .Values.collector.enabled -}}
http://otel-collector:4318
{{- else -}}
{{- fail "collector.enabled=false needs otlp.endpoint: the OTLP/HTTP URL of your collector (e.g. http://otel-collector.observability:4318)" -}}
{{- end -}}
{{- end -}}

{{/* Where the collector sends sampled traces (OTLP gRPC host:port). */}}
{{- define "tracelab.tracesEndpoint" -}}
{{- if .Values.collector.tracesEndpoint -}}
{{- .Values.collector.tracesEndpoint -}}
{{- else if .Values.jaeger.enabled -}}
jaeger:4317
{{- else -}}
{{- fail "jaeger.enabled=false with the in-chart collector needs collector.tracesEndpoint: an OTLP gRPC host:port for the sampled traces (e.g. tempo.observability:4317)" -}}
{{- end -}}
{{- end -}}

{{/* Prometheus for Jaeger's Monitor tab. */}}
{{- define "tracelab.prometheusUrl" -}}
{{- if .Values.jaeger.prometheusUrl -}}
{{- .Values.jaeger.prometheusUrl -}}
{{- else -}}
http://prometheus:9090
{{- end -}}
{{- end -}}

{{/* Where the collector sends log records: the chart's VictoriaLogs or victorialogs.url. */}}
{{- define "tracelab.victoriaLogsUrl" -}}
{{- if .Values.victorialogs.enabled -}}
{{- if .Values.victorialogs.url -}}
{{- fail "victorialogs.url is for a VictoriaLogs outside the chart: set victorialogs.enabled=false with it" -}}
{{- end -}}
http://victorialogs:9428
{{- else if .Values.victorialogs.url -}}
{{- .Values.victorialogs.url -}}
{{- else -}}
{{- fail "victorialogs.enabled=false needs victorialogs.url (an existing VictoriaLogs, e.g. http://victorialogs.logging:9428): the collector's logs pipeline sends there" -}}
{{- end -}}
{{- end -}}

{{/* Jaeger's query API as the test pod reaches it ("" when there is none). */}}
{{- define "tracelab.jaegerApiUrl" -}}
{{- if .Values.tests.jaegerApiUrl -}}
{{- .Values.tests.jaegerApiUrl -}}
{{- else if .Values.jaeger.enabled -}}
http://jaeger:16686
{{- end -}}
{{- end -}}

{{/*
A value kept across upgrades: the existing Secret's key when there is one (helm `lookup`; empty
under `helm template`), else the given value, else a new random one.
Call with (dict "root" $ "secret" "name" "key" "key" "value" "given value").
*/}}
{{- define "tracelab.stableSecretValue" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 32 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Secret name and key of DATABASE_URL / AMQP_URL / the admin token. */}}
{{- define "tracelab.postgresSecret" -}}
{{- .Values.postgres.external.existingSecret | default "tracelab-postgres" -}}
{{- end -}}
{{- define "tracelab.postgresSecretKey" -}}
{{- if .Values.postgres.external.existingSecret -}}{{ .Values.postgres.external.existingSecretKey }}{{- else -}}url{{- end -}}
{{- end -}}
{{- define "tracelab.rabbitmqSecret" -}}
{{- .Values.rabbitmq.external.existingSecret | default "tracelab-rabbitmq" -}}
{{- end -}}
{{- define "tracelab.rabbitmqSecretKey" -}}
{{- if .Values.rabbitmq.external.existingSecret -}}{{ .Values.rabbitmq.external.existingSecretKey }}{{- else -}}url{{- end -}}
{{- end -}}
{{- define "tracelab.adminSecret" -}}
{{- .Values.adminToken.existingSecret | default "tracelab-admin-token" -}}
{{- end -}}
{{- define "tracelab.adminSecretKey" -}}
{{- if .Values.adminToken.existingSecret -}}{{ .Values.adminToken.existingSecretKey }}{{- else -}}token{{- end -}}
{{- end -}}

{{/* In-chart Postgres / RabbitMQ? */}}
{{- define "tracelab.postgresInChart" -}}
{{- if not (or .Values.postgres.external.url .Values.postgres.external.existingSecret) -}}true{{- end -}}
{{- end -}}
{{- define "tracelab.rabbitmqInChart" -}}
{{- if not (or .Values.rabbitmq.external.url .Values.rabbitmq.external.existingSecret) -}}true{{- end -}}
{{- end -}}

{{/* Pod security context for a user entry of values.users. */}}
{{- define "tracelab.podSecurityContext" -}}
{{- $ctx := deepCopy .root.Values.podSecurityContext -}}
{{- $_ := set $ctx "runAsUser" .user.uid -}}
{{- $_ := set $ctx "runAsGroup" .user.gid -}}
{{- $_ := set $ctx "fsGroup" .user.gid -}}
{{- toYaml $ctx -}}
{{- end -}}

{{/* Scheduling and pull secrets shared by every pod. */}}
{{- define "tracelab.podScheduling" -}}
{{- $out := dict -}}
{{- with .Values.imagePullSecrets }}{{ $_ := set $out "imagePullSecrets" . }}{{ end -}}
{{- with .Values.nodeSelector }}{{ $_ := set $out "nodeSelector" . }}{{ end -}}
{{- with .Values.tolerations }}{{ $_ := set $out "tolerations" . }}{{ end -}}
{{- with .Values.affinity }}{{ $_ := set $out "affinity" . }}{{ end -}}
{{- if $out }}{{ toYaml $out }}{{ end -}}
{{- end -}}

{{/*
OTEL_RESOURCE_ATTRIBUTES of a service: the values' attributes, then where the span ran, from the
Downward API variables K8S_* defined before it in the container's env (Kubernetes expands $(VAR)).
*/}}
{{- define "tracelab.resourceAttributes" -}}
{{- $attrs := list -}}
{{- range $key, $value := .root.Values.otel.resourceAttributes -}}
{{- $attrs = append $attrs (printf "%s=%v" $key $value) -}}
{{- end -}}
{{- $attrs = append $attrs "k8s.pod.name=$(K8S_POD_NAME)" -}}
{{- $attrs = append $attrs "k8s.pod.uid=$(K8S_POD_UID)" -}}
{{- $attrs = append $attrs "k8s.namespace.name=$(K8S_NAMESPACE_NAME)" -}}
{{- $attrs = append $attrs "k8s.node.name=$(K8S_NODE_NAME)" -}}
{{- $attrs = append $attrs (printf "k8s.deployment.name=%s" .name) -}}
{{- $attrs = append $attrs "service.instance.id=$(K8S_POD_NAME)" -}}
{{- join "," $attrs -}}
{{- end -}}

{{/*
The wait-for-dependencies init container's script (plain Node, run with `node -e`): for each
argument in turn, an http(s)://.../healthz URL must answer 2xx, any other URL (postgres://,
amqp://, http://collector:4318) must accept a TCP connection. Logs host:port only, never the
credentials in the URLs. Compose gets the same order from depends_on: service_healthy.
*/}}
{{- define "tracelab.waitScript" -}}
const net = require('node:net');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ports = { 'postgres:': 5432, 'postgresql:': 5432, 'amqp:': 5672, 'amqps:': 5671, 'http:': 80, 'https:': 443 };
const tcp = (host, port) => new Promise((resolve) => {
  const socket = net.connect({ host, port, timeout: 2000 });
  const done = (ok) => { socket.destroy(); resolve(ok); };
  socket.on('connect', () => done(true)).on('error', () => done(false)).on('timeout', () => done(false));
});
const ready = async (url) => {
  if (url.pathname.endsWith('/healthz')) return fetch(url, { signal: AbortSignal.timeout(3000) }).then((r) => r.ok, () => false);
  return tcp(url.hostname, Number(url.port) || ports[url.protocol]);
};
(async () => {
  for (const target of process.argv.slice(1)) {
    const url = new URL(target);
    const label = url.host + (url.pathname.endsWith('/healthz') ? url.pathname : '');
    for (let i = 0; !(await ready(url)); i++) {
      if (i % 5 === 0) console.log(`waiting for ${label}`);
      await sleep(2000);
    }
    console.log(`${label} is ready`);
  }
})();
{{- end -}}
