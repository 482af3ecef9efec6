// How the containers run each service, so both benches measure the same thing: compose's heap caps
// (docker-compose.yml NODE_OPTIONS) and the glibc arena cap the image sets (Dockerfile).
export const CONTAINER_NODE_OPTIONS = '--max-old-space-size=64 --max-semi-space-size=4';
export const CONTAINER_MALLOC_ARENA_MAX = '2';
