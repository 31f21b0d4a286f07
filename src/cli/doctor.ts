/**
 * `npx motcua doctor`: is this configuration ready for production? The same check that makes
 * `MOTCUA_ENV=production npm start` refuse to start (src/config-check.ts), run from the shell
 * before a deployment: exit 1 with one line per problem, 0 when ready.
 */
import { loadConfig } from '../config.ts';
import { productionProblems } from '../config-check.ts';

export function doctor(env: NodeJS.ProcessEnv, json: boolean): number {
  let problems: string[];
  try {
    problems = productionProblems(loadConfig(env));
  } catch (err) {
    problems = [(err as Error).message];
  }
  if (json) process.stdout.write(`${JSON.stringify({ ready: problems.length === 0, problems }, null, 2)}\n`);
  else if (problems.length === 0) process.stdout.write('Ready for production: every check passed.\n');
  else for (const line of problems) process.stdout.write(`${line}\n`);
  return problems.length === 0 ? 0 : 1;
}
