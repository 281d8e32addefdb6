# The four services' images, from one Dockerfile: docker-compose.yml builds it once per service with
# its APP build argument. Base images are plain Debian so they can be built locally where Docker Hub
# is out of reach (README, "With Docker").
#
# Few, large layers on purpose: with the vfs storage driver every layer is a full copy of the file
# system, so the build stage (the same for all four) builds all four apps in one go, and each image
# differs from the others by its last COPY only. An instruction that changes no file (LABEL, ARG,
# ENV, USER, CMD) still makes a layer, a copy of everything before it: such instructions come
# before the large layers (a LABEL after the build stage's node_modules took 80 s to copy them).

FROM debian:trixie-slim AS build
# Marks the images this file builds, so that npm run test:compose can remove the ones it left behind
# untagged (and nobody else's).
LABEL oauth-flow-lab.image=build
# sqlite3 compiles from source: Python (with setuptools, whose distutils the node-gyp 8 that sqlite3
# brings still imports), make, g++ and Node's own headers (libnode-dev), which
# node-gyp is pointed at instead of downloading them from nodejs.org. Behind a TLS-intercepting
# proxy, npm needs its CA: put its certificates (*.crt) in docker/ca-certificates/ (git-ignored;
# npm run test:compose copies the host's there). Only this stage trusts them.
ENV npm_config_nodedir=/usr \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    NX_DAEMON=false \
    NX_NO_CLOUD=true
WORKDIR /workspace
COPY docker/ca-certificates/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm libnode-dev python3 python3-setuptools make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && update-ca-certificates
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx run-many -t build -p auth-server login-ui client-web resource-api --output-style=static \
 && npm prune --omit=dev

FROM debian:trixie-slim AS runtime
LABEL oauth-flow-lab.image=app
# MALLOC_ARENA_MAX and NODE_OPTIONS: the memory settings npm start and the bench use too
# (tools/runtime-env.mjs says why).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=96"
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 app \
 && mkdir /data && chown app /data
WORKDIR /app
USER app
CMD ["node", "main.js"]
# Which app this image runs: only its last COPY reads it. After the RUN above, which would take the
# build argument into its cache key and run once per app.
ARG APP
# The production dependencies are the same for the four (one shared layer); the bundle is the app's.
# Both stay owned by root: the app user can read them, not change them.
COPY --from=build /workspace/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP}/ ./
