# Firebreak as a container: build with Maven, run on a JRE. Used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY dmn dmn
COPY forms forms
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 firebreak
WORKDIR /app
COPY --from=build /src/target/firebreak-*.jar /tmp/firebreak.jar
# Start-up (docs/BENCHMARKS.md, "Start-up and memory"): the jar extracted (no nested jars to open)
# and a class-data-sharing archive written by one training run on the demo profile (H2 in /tmp, the
# context stops once refreshed), so the classes of Spring, Camunda and FEEL load from the archive.
RUN java -Djarmode=tools -jar /tmp/firebreak.jar extract --destination /app \
 && mv /app/firebreak-*.jar /app/firebreak.jar && rm /tmp/firebreak.jar \
 && mkdir /tmp/training && cd /tmp/training \
 && java -XX:ArchiveClassesAtExit=/app/firebreak.jsa -Dspring.context.exit=onRefresh \
      -Dspring.profiles.active=demo -jar /app/firebreak.jar --server.port=0 \
 && cd / && rm -rf /tmp/training
USER firebreak
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=postgres
# Sized by the container's memory limit (docs/RELIABILITY.md, "Sizing"): the heap may take 65 % of
# it, the rest is for metaspace, code cache, thread stacks and direct buffers. G1 also below
# 2 CPUs / 1792 MB (where the JVM would pick the serial collector); a node that runs out of memory
# exits (the orchestrator restarts it) instead of limping on. Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=65 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/app/firebreak.jsa -Xlog:cds=off"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/firebreak.jar \"$@\"", "firebreak"]
