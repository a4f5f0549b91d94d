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
COPY --from=build /src/target/firebreak-*.jar /app/firebreak.jar
USER firebreak
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=postgres
ENTRYPOINT ["java", "-jar", "/app/firebreak.jar"]
