#!/usr/bin/env bash
# Alert storm benchmark: Firebreak on a real PostgreSQL (embedded), 16 concurrent senders.
# Sizes: -Dalerts=10000 -Dgroups=100 -Dsenders=16 -Dbatch=10 -Dbaseline=1000 -DrestBaseline=1000 -Ddistinct=1000;
# -DdistinctRounds=3: rounds of the distinct groups, each against a baseline just before it (targets on the medians);
# -Dwrites=true counts the rows written per incident (start, then jobs; the job executor waits meanwhile);
# -DpostgresSettings=autovacuum=off,... sets PostgreSQL settings for a diagnostic run;
# -Dstatements=true prints PostgreSQL's statements per incident of the distinct phase (pg_stat_statements);
# targets: -Dp99Target=100 (ms) -DratioTarget=0.5 -DafterLastTarget=10 (s). Pass them as JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:-} -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/AlertStorm.java "$@"
