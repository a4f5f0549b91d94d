#!/usr/bin/env bash
# Knowledge base search benchmark (issue 14): Firebreak on a real PostgreSQL (embedded) with 100,000
# published reports; the indexed search against the same query without the search indexes.
# Sizes: -Dreports=100000 -Drounds=20 -Dwarmup=2 -DapiRequests=100 (pass as JAVA_OPTS).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# the shared percentile and reporting helpers (the Java 17 source launcher runs one file)
javac -d target/bench-classes bench/BenchStats.java
exec java ${JAVA_OPTS:-} -Xmx1g \
  -cp "target/bench-classes:target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/KnowledgeBench.java "$@"
