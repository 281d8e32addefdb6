// Preloaded (`node --import`) into a service that `npm run bench -- --profile` runs with
// --cpu-prof: the services re-raise SIGTERM after their graceful shutdown and so die by the signal,
// and a process killed by a signal writes no profile. SIGUSR2 (which no service listens to) ends
// the process with process.exit(), which does.
process.once('SIGUSR2', () => process.exit(0));
