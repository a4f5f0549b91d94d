{{/*
Chart name, truncated to 63 characters (the DNS label limit of Kubernetes names).
*/}}
{{- define "firebreak.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources: release-chart, or the release name when it already holds the
chart name.
*/}}
{{- define "firebreak.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "firebreak.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The standard labels (Helm best practices, app.kubernetes.io/*) on every resource.
*/}}
{{- define "firebreak.labels" -}}
helm.sh/chart: {{ include "firebreak.chart" . }}
{{ include "firebreak.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: firebreak
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels: only the ones that never change between upgrades (a Deployment's selector is
immutable).
*/}}
{{- define "firebreak.selectorLabels" -}}
app.kubernetes.io/name: {{ include "firebreak.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "firebreak.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "firebreak.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "firebreak.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
The rules the values must keep; rendering fails with the reason otherwise.
*/}}
{{- define "firebreak.validate" -}}
{{- $type := .Values.database.type }}
{{- if not (has $type (list "h2" "postgresql")) }}
{{- fail (printf "database.type must be h2 or postgresql, not %q" $type) }}
{{- end }}
{{- if and (gt (int .Values.replicaCount) 1) (ne $type "postgresql") }}
{{- fail (printf "replicaCount %d needs database.type=postgresql: H2 is a file inside one pod, so Firebreak on H2 runs on one node only" (int .Values.replicaCount)) }}
{{- end }}
{{- if and .Values.demo (eq $type "postgresql") }}
{{- fail "demo=true is for H2 only: the demo profile creates users with the password \"demo\"" }}
{{- end }}
{{- if and (not .Values.demo) (not (include "firebreak.secretName" (list . .Values.secrets.adminPassword))) }}
{{- fail "secrets.existingSecret (or secrets.adminPassword.secretName) is required outside the demo profile: the first administrator's password comes from it" }}
{{- end }}
{{- if and (eq $type "postgresql") (not (default .Values.secrets.existingSecret .Values.database.postgresql.existingSecret)) }}
{{- fail "database.type=postgresql needs database.postgresql.existingSecret or secrets.existingSecret (the JDBC URL, user and password)" }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.serviceMonitor.basicAuth.existingSecret) }}
{{- fail "metrics.serviceMonitor.basicAuth.existingSecret is required: /actuator/prometheus answers 401 without a Firebreak user" }}
{{- end }}
{{- end }}

{{/*
The Secret one entry of .Values.secrets is read from: its own secretName or secrets.existingSecret.
Call with (list $ entry).
*/}}
{{- define "firebreak.secretName" -}}
{{- $root := index . 0 }}
{{- $entry := index . 1 }}
{{- default $root.Values.secrets.existingSecret $entry.secretName }}
{{- end }}

{{/*
The base URL of the links Firebreak sends: firebreak.baseUrl, else the first Ingress host.
*/}}
{{- define "firebreak.baseUrl" -}}
{{- if .Values.firebreak.baseUrl }}
{{- .Values.firebreak.baseUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (first .Values.ingress.hosts).host }}
{{- if $host }}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) $host }}
{{- end }}
{{- end }}
{{- end }}

{{- define "firebreak.sessionAffinity" -}}
{{- if .Values.service.sessionAffinity }}
{{- .Values.service.sessionAffinity }}
{{- else if gt (int .Values.replicaCount) 1 }}
{{- "ClientIP" }}
{{- else }}
{{- "None" }}
{{- end }}
{{- end }}

{{- define "firebreak.h2ClaimName" -}}
{{- default (printf "%s-data" (include "firebreak.fullname" .)) .Values.database.h2.persistence.existingClaim }}
{{- end }}
