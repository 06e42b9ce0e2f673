import { infrastructureStatus, Profiles, startInfrastructure, stopComponent, stopInfrastructure, type ProfileName } from './infrastructure';

const usage = 'usage: infra <up|down|status> [--profile dev|test|bench] [down: --only kafka|postgres [--crash]]';

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'help';
  const profileIndex = argv.indexOf('--profile');
  const profile = (profileIndex >= 0 ? argv[profileIndex + 1] : 'dev') as ProfileName;
  if (!(profile in Profiles)) throw new Error(usage);
  const log = (line: string) => console.log(`[infra] ${line}`);
  switch (command) {
    case 'up': {
      const infra = await startInfrastructure({ profile, databaseUrl: process.env.DATABASE_URL, log });
      console.log(`KAFKA_BROKERS=${infra.kafkaBrokers}`);
      console.log(`DATABASE_URL=${infra.databaseUrl}`);
      return;
    }
    case 'down': {
      const onlyIndex = argv.indexOf('--only');
      if (onlyIndex < 0) {
        await stopInfrastructure(profile);
        log(`stopped the ${profile} Kafka and Postgres`);
        return;
      }
      const component = argv[onlyIndex + 1];
      if (component !== 'kafka' && component !== 'postgres') throw new Error(usage);
      const crash = argv.includes('--crash');
      const stopped = await stopComponent(profile, component, crash);
      log(stopped ? `stopped the ${profile} ${component}${crash ? ' (crash)' : ''}` : `the ${profile} ${component} was not running`);
      return;
    }
    case 'status': {
      const status = await infrastructureStatus(profile);
      console.log(`kafka: ${status.kafka ? 'running' : 'stopped'}\npostgres: ${status.postgres ? 'running' : 'stopped'}`);
      return;
    }
    default:
      throw new Error(usage);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
