import { infrastructureStatus, Profiles, startInfrastructure, stopInfrastructure, type ProfileName } from './infrastructure';

const usage = 'usage: infra <up|down|status> [--profile dev|test]';

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
    case 'down':
      await stopInfrastructure(profile);
      log(`stopped the ${profile} Kafka and Postgres`);
      return;
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
