// A service process of bench/governor: the log (`log DIR`) or one governor worker
// (`governor DIR LOG_URL`, under node:cluster when run.mjs asks for several). It answers run.mjs
// over IPC: its URL once listening, and its CPU time (all threads) between 'cpu-start' and 'cpu-end'.
const [role, dir, logUrl] = process.argv.slice(2);
let server;
if (role === 'log') {
  const { startLogServer } = await import(process.env.XPROV_BENCH_LOG ?? '../../services/log/dist/index.js');
  server = await startLogServer({ dataDir: dir, port: 0, apiKey: 'bench-log-key' });
} else {
  const { startIssuerServer } = await import(process.env.XPROV_BENCH_ISSUER ?? '../../services/issuer/dist/index.js');
  server = await startIssuerServer({ dataDir: dir, port: Number(process.env.XPROV_BENCH_PORT ?? 0), logUrl, logApiKey: 'bench-log-key', ...(process.env.XPROV_BENCH_POLICY_THREAD === '0' ? { governor: { policyThread: false } } : {}) });
}
let cpu0;
process.on('message', async (m) => {
  if (m === 'cpu-start') cpu0 = process.cpuUsage();
  else if (m === 'cpu-end') process.send({ cpu: process.cpuUsage(cpu0) });
  else if (m === 'close') {
    await server.close();
    process.exit(0);
  }
});
process.send({ url: server.url, adminApiKey: server.adminApiKey });
