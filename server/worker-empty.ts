// What `undici` and `@slack/socket-mode` resolve to in the Workers bundle (wrangler.toml [alias]):
// Bolt requires both at load time, but an HTTP-only app over fetch uses neither, and neither runs on workerd.
export default {};
