// What `undici` and `@slack/socket-mode` resolve to in the Workers bundle (wrangler.toml [alias],
// vitest.worker.config.ts): Bolt requires both at load time, but an HTTP app over fetch uses
// neither, and neither runs on workerd. CommonJS, because Bolt require()s them.
/* global module */
module.exports = {};
