/**
 * Child process for the durability test: opens the store named by argv[2] (a JSON
 * DatabaseTarget), records argv[3] votes one after another, and prints `acked N` as soon
 * as vote N's write has resolved — the moment the bot would tell the user it was saved.
 * Then it waits to be killed.
 */
import { openStore, type DatabaseTarget } from '../../src/store/index.js';

const target = JSON.parse(process.argv[2]!) as DatabaseTarget;
const count = Number(process.argv[3]);
const store = await openStore(target);
process.stdout.write('ready\n');
for (let i = 0; i < count; i++) {
  await store.recordVote({ answerId: 'burst', voterId: `user-${i}`, direction: i % 3 === 0 ? 'down' : 'up', reason: i % 3 === 0 ? 'wrong-passage' : null });
  process.stdout.write(`acked ${i}\n`);
}
process.stdout.write('done\n');
// Stay alive until the test kills us: a clean exit would prove nothing.
setInterval(() => undefined, 60_000);
