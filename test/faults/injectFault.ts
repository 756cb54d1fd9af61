/**
 * Preloaded into the real entry by the secrets suite
 * (`node --import tsx --import test/faults/injectFault.ts src/main.ts`) to stand for a bug
 * anywhere in the process: on SIGUSR2 it throws — or, with STEPPE_TEST_FAULT=reject,
 * rejects — an error carrying the bot token in its message, as a careless library might.
 */
process.on('SIGUSR2', () => {
  const message = `upstream refused "Authorization: Bot ${process.env.DISCORD_TOKEN ?? ''}"`;
  if (process.env.STEPPE_TEST_FAULT === 'reject') {
    void Promise.reject(new Error(message));
    return;
  }
  setImmediate(() => {
    throw new Error(message);
  });
});
