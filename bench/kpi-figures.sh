#!/usr/bin/env bash
# KPI benchmark (issue 13): Firebreak on a real PostgreSQL (embedded) with 100,000 seeded incidents.
# Sizes: -Dincidents=100000 -Drequests=200 -Dclosings=5 (pass as JAVA_OPTS); -Dexplain=true also
# writes EXPLAIN (ANALYZE, BUFFERS) of the API's statements to target/kpi-bench-postgres.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# the shared percentile and reporting helpers (the Java 17 source launcher runs one file)
javac -d target/bench-classes bench/BenchStats.java
exec java ${JAVA_OPTS:-} -Xmx2g \
  -cp "target/bench-classes:target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/KpiBench.java "$@"
