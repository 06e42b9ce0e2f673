import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './data-source';
import { PostgresReadiness } from './postgres-readiness';

/** The service's DataSource (connected at start, closed at shutdown) and its readiness check. */
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DataSourceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(options);
            // Start even while Postgres is down: readiness reports it and the pool reconnects later.
            await dataSource.initialize().catch(() => undefined);
            return dataSource;
          },
        },
        { provide: PostgresReadiness, useFactory: (dataSource: DataSource) => new PostgresReadiness(dataSource), inject: [DataSource] },
      ],
      exports: [DataSource, PostgresReadiness],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
