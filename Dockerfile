# One image per service: docker build --build-arg APP=auth-server .
# Base images are plain Debian so they can be built locally (see docker-compose.yml).
FROM debian:trixie-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ARG APP
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN npx nx build "$APP" --output-style=static \
 && npm prune --omit=dev

FROM debian:trixie-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 app \
 && mkdir /data && chown app /data
WORKDIR /app
ARG APP
ENV NODE_ENV=production
COPY --from=build /workspace/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP}/ ./
USER app
CMD ["node", "main.js"]
