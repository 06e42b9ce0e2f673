{{/* Chart name, overridable. */}}
{{- define "hookline.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; component names are appended, so it leaves room for "-status-notifier". */}}
{{- define "hookline.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 47 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 47 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 47 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "hookline.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every object carries. part-of becomes the Prometheus job name (as in docker-compose). */}}
{{- define "hookline.labels" -}}
helm.sh/chart: {{ include "hookline.chart" . }}
app.kubernetes.io/name: {{ include "hookline.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hookline
{{- end }}

{{- define "hookline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hookline.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Called with (dict "root" $ "app" "<service>"). */}}
{{- define "hookline.componentLabels" -}}
{{ include "hookline.labels" .root }}
app.kubernetes.io/component: {{ .app }}
{{- end }}

{{- define "hookline.componentSelectorLabels" -}}
{{ include "hookline.selectorLabels" .root }}
app.kubernetes.io/component: {{ .app }}
{{- end }}

{{- define "hookline.componentName" -}}
{{- printf "%s-%s" (include "hookline.fullname" .root) .app }}
{{- end }}

{{- define "hookline.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret holding DATABASE_URL, HOOKLINE_ADMIN_TOKEN, HOOKLINE_ENCRYPTION_KEY, HOOKLINE_SMTP_URL. */}}
{{- define "hookline.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- printf "%s-secrets" (include "hookline.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Non-secret environment of one service, as ConfigMap data. Only the names that service's schema in
libs/config reads. Numbers go through int64 so large ones are not rendered as 1e+06.
Called with (dict "root" $ "app" "<service>").
*/}}
{{- define "hookline.configEnv" -}}
{{- $v := .root.Values -}}
{{- $app := index $v.apps .app -}}
HOOKLINE_HTTP_HOST: "0.0.0.0"
HOOKLINE_HTTP_PORT: {{ $app.port | int64 | quote }}
HOOKLINE_LOG_LEVEL: {{ $v.config.logLevel | quote }}
HOOKLINE_LOG_FORMAT: {{ $v.config.logFormat | quote }}
KAFKA_BROKERS: {{ join "," $v.kafka.brokers | quote }}
KAFKA_CLIENT_ID: {{ $v.kafka.clientId | quote }}
HOOKLINE_DB_POOL_SIZE: {{ $v.postgres.poolSize | int64 | quote }}
{{- with $v.config.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
{{- if eq .app "registry" }}
HOOKLINE_GRPC_PORT: {{ $app.grpcPort | int64 | quote }}
{{- with $v.console.ingestUrl }}
HOOKLINE_CONSOLE_INGEST_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- if has .app (list "registry" "dispatcher") }}
HOOKLINE_ALLOW_INSECURE_URLS: {{ $v.config.allowInsecureUrls | quote }}
HOOKLINE_ALLOW_PRIVATE_NETWORKS: {{ $v.config.allowPrivateNetworks | quote }}
{{- with $v.config.dnsServers }}
HOOKLINE_DNS_SERVERS: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- if eq .app "ingest" }}
HOOKLINE_MAX_PAYLOAD_BYTES: {{ $v.config.maxPayloadBytes | int64 | quote }}
{{- end }}
{{- if has .app (list "registry" "ingest") }}
HOOKLINE_AUTH_FAILURE_LIMIT: {{ $v.config.authFailureLimit | int64 | quote }}
HOOKLINE_AUTH_FAILURE_WINDOW_SECONDS: {{ $v.config.authFailureWindowSeconds | int64 | quote }}
HOOKLINE_TRUSTED_PROXIES: {{ join "," $v.config.trustedProxies | quote }}
{{- with $v.cors.origins }}
HOOKLINE_CORS_ORIGINS: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- if eq .app "retry-scheduler" }}
HOOKLINE_RETRY_POLL_INTERVAL_MS: {{ $v.config.retryPollIntervalMs | int64 | quote }}
{{- end }}
{{- if eq .app "status-notifier" }}
HOOKLINE_MAIL_FROM: {{ $v.config.mailFrom | quote }}
HOOKLINE_MAIL_POLL_INTERVAL_MS: {{ $v.config.mailPollIntervalMs | int64 | quote }}
{{- with $v.config.publicApiUrl }}
HOOKLINE_PUBLIC_API_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Secret keys one service reads; each becomes an env var of the same name. */}}
{{- define "hookline.secretEnvNames" -}}
{{- $names := list "DATABASE_URL" -}}
{{- if eq .app "registry" }}{{ $names = append $names "HOOKLINE_ADMIN_TOKEN" }}{{ end -}}
{{- if has .app (list "registry" "dispatcher") }}{{ $names = append $names "HOOKLINE_ENCRYPTION_KEY" }}{{ end -}}
{{- if eq .app "status-notifier" }}{{ $names = append $names "HOOKLINE_SMTP_URL" }}{{ end -}}
{{- join "," $names }}
{{- end }}

{{/* A Secret data value: given in values, else kept from the live Secret, else generated. */}}
{{- define "hookline.secretValue" -}}
{{- $live := index . 0 }}{{ $key := index . 1 }}{{ $given := index . 2 }}{{ $generated := index . 3 -}}
{{- if $given }}{{ $given | b64enc | quote }}
{{- else if hasKey $live $key }}{{ index $live $key | quote }}
{{- else }}{{ $generated | b64enc | quote }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by the services and the migration Job. */}}
{{- define "hookline.podSpecCommon" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
