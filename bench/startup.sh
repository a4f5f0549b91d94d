#!/usr/bin/env bash
# Start-up benchmark: the packaged jar (java -jar, a process of its own) on an empty database, timed
# until /actuator/health/readiness is UP; then RSS idle and after a small alert storm.
# Options as system properties in JAVA_OPTS, e.g.
#   JAVA_OPTS="-Ddb=h2,postgres -Druns=3 -Dmemory=1g -Dalerts=2000 -Dgroups=100 -Dtarget=20" bench/startup.sh
# Works on a fresh machine: Maven downloads what it needs (no offline mode).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls target/firebreak-*.jar >/dev/null 2>&1 || [ "${REBUILD:-}" = "1" ]; then
  mvn -B -q -DskipTests package
fi
# the launcher's classpath: embedded PostgreSQL (test scope) to give the node an empty database
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/startup-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:-} -cp "$(cat target/startup-classpath.txt)" bench/Startup.java "$@"
