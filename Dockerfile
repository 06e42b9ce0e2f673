# One image recipe for every Hookline service: `--build-arg APP=<service>` picks the entry point.
# Stages: build (compile with SWC, bundle the web console with Vite, drop dev dependencies), runtime
# (only what runs; the registry serves the console from dist/apps/console).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
# apps/console and libs/sdk are the console's sources; Vite and Preact are dev dependencies, still here.
COPY apps ./apps
RUN node tools/build.mjs && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ARG APP=registry
ENV NODE_ENV=production \
    HOOKLINE_APP=${APP} \
    HOOKLINE_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080 8081 8082 8083 8084 50051
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HOOKLINE_HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${HOOKLINE_APP}/src/main.js"]

# Creates missing topics and applies migrations, then exits (compose `migrate`, Helm Job).
FROM runtime AS migrate
CMD ["node", "--enable-source-maps", "dist/tools/migrate/migrate.js"]
