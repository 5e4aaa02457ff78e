# One image per application: docker build --build-arg MODULE=presence-service .
# Node and npm for the web console, which the gateway's build includes (web-console runs npm ci and npm run build).
FROM node:20-bookworm-slim AS node

# Build stage: the module and what it depends on, with Maven's cache kept between builds.
FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" && mvn -B -q -DskipTests -pl "${MODULE}" -am package \
    && cp "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar" /app.jar

# Run stage: a JRE, curl for health checks, a non-root user.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 astro
COPY --from=build /app.jar /app/app.jar
USER astro
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
