# One image per service, all from this file:
#   docker build --build-arg SERVICE=gateway -t tracelab/gateway:local .
# SERVICE is a folder name in services/ (gateway, order, inventory, payment, fraud-detection,
# notification). docker-compose.yml builds all six.
#
# Needs BuildKit (Docker 20.10 or newer: the default builder since Docker 23, or the buildx plugin)
# for the `RUN --mount=type=cache` lines. No `# syntax=` line on purpose: that line makes BuildKit
# pull a Dockerfile frontend image from Docker Hub before every build, which fails offline (a
# workshop room, CI without a registry). The frontend built into BuildKit since Docker 20.10
# (Dockerfile syntax 1.2) has every instruction this file uses; the compose tier (e2e/compose)
# builds it that way on Docker 20.10.

ARG NODE_IMAGE=node:24.21.0-slim

# ---------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION=10.34.8
# CI=true: pnpm never prompts. The pnpm store lives in a BuildKit cache mount at /pnpm/store.
ENV CI=true
RUN npm install --global --no-audit --no-fund "pnpm@${PNPM_VERSION}"
WORKDIR /repo

# Download every package of the lockfile first: this layer only changes with the lockfile (and
# the workspace settings) and is shared by all six images.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY patches ./patches
RUN --mount=type=cache,id=tracelab-pnpm-store,target=/pnpm/store,sharing=locked \
    pnpm fetch --store-dir /pnpm/store

COPY . .
RUN --mount=type=cache,id=tracelab-pnpm-store,target=/pnpm/store,sharing=locked \
    pnpm install --frozen-lockfile --offline --store-dir /pnpm/store

ARG SERVICE
RUN test -n "${SERVICE}" && test -f "services/${SERVICE}/package.json" || \
    { echo "build arg SERVICE must name a folder of services/ (got '${SERVICE}')" >&2; exit 1; }

# Build the service and the workspace packages it depends on (each `build` is tsc -b -> dist/),
# then make a self-contained folder with only its production dependencies.
RUN pnpm --recursive --filter "@tracelab/${SERVICE}..." run build
RUN --mount=type=cache,id=tracelab-pnpm-store,target=/pnpm/store,sharing=locked \
    pnpm --filter "@tracelab/${SERVICE}" deploy --legacy --prod --store-dir /pnpm/store /out

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production
# Services listen on loopback outside containers; inside one they must be reachable from the network.
ENV BIND_HOST=0.0.0.0
# jemalloc instead of glibc's malloc: glibc keeps the memory V8's compiler threads free in its
# arenas, jemalloc hands it back to the kernel within a second (a background thread, no muzzy
# stage). About 80 MiB less across the six services at the same CPU per order (docs/benchmark.md).
# The fixed path works on every architecture; pnpm bench and the e2e tests use the same settings.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libjemalloc2 \
    && rm -rf /var/lib/apt/lists/* \
    && ln -s "$(dpkg -L libjemalloc2 | grep '/libjemalloc\.so\.2$')" /usr/local/lib/libjemalloc.so.2
ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so.2
ENV MALLOC_CONF=background_thread:true,narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0
LABEL org.opencontainers.image.title="tracelab-${SERVICE}"
WORKDIR /app
# Owned by root and only readable by the service user: the code cannot be changed at run time.
COPY --from=build /out/ ./
USER node
# Overridden per service in docker-compose.yml (it knows each PORT).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||'8080')+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# The telemetry SDK is preloaded so it can patch http, grpc, pg and pino before the app loads them.
CMD ["node", "--require", "@tracelab/telemetry/register", "dist/main.js"]
