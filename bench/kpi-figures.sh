#!/usr/bin/env bash
# KPI benchmark (issue 13): Firebreak on a real PostgreSQL (embedded) with 100,000 seeded incidents.
# Sizes: -Dincidents=100000 -Drequests=200 -Dclosings=5 (pass as JAVA_OPTS).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:-} -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/KpiBench.java "$@"
