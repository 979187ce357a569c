"use strict";
/**
 * Serverless variable source for the tenancy: `${file(scripts/serverless-tenancy.cjs):<name>}` in
 * `serverless.yml` resolves to `<name>` of `packageTenancy()` (scripts/package-tenancy.ts) for the
 * tenancy file of param `tenancyFile` and this stage. Serverless (osls) `require()`s `.js`/`.cjs`
 * variable sources only; this shim imports the TypeScript module, which Node ≥ 22.18 runs as it is
 * (type stripping), so the rules live in one typed, tested place. An invalid tenancy file rejects,
 * and `serverless package` stops with its message.
 */
const { resolve } = require("node:path");

const projectRoot = resolve(__dirname, "..");
/** One reading and validation per tenancy file and stage, however many variables ask. */
const cache = new Map();

async function packaged({ resolveVariable }) {
  const [tenancyFile, service, stage] = await Promise.all([
    resolveVariable("param:tenancyFile"),
    resolveVariable("self:service"),
    resolveVariable("sls:stage"),
  ]);
  const stackPrefix = `${service}-${stage}`;
  const key = `${tenancyFile}\n${stackPrefix}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      import("./package-tenancy.ts")
        .then(({ packageTenancy }) => packageTenancy({ projectRoot, tenancyFile, stackPrefix }))
        .catch((error) => {
          // A tenancy problem is the deployer's to fix: its message says all, a stack trace adds noise.
          if (error && error.name === "ConfigurationError") {
            const problem = new Error(error.message);
            problem.stack = `${error.name}: ${error.message}`;
            throw problem;
          }
          if (error && error.code === "ERR_UNKNOWN_FILE_EXTENSION") {
            throw new Error(
              `Packaging reads the tenancy with Node >= 22.18 (TypeScript type stripping); this is Node ${process.version}. Run it through npm (npm run package), which uses the project's Node.`,
            );
          }
          throw error;
        }),
    );
  }
  return cache.get(key);
}

const field = (name) => async (api) => (await packaged(api))[name];

module.exports = {
  file: field("file"),
  resources: field("resources"),
  grantRequestedSources: field("grantRequestedSources"),
  grantRequestedRuleState: field("grantRequestedRuleState"),
  eventBusPolicy: field("eventBusPolicy"),
};
