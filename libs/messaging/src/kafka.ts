import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** Give up connecting after this long (ms); readiness reports the failure instead of hanging. */
  connectionTimeoutMs?: number;
  /** No client logs at all (probes that expect failures). */
  silent?: boolean;
}

const levels: Record<number, string> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// KafkaJS logs reconnect noise as ERROR while a broker restarts; keep one JSON line per entry on stderr.
function logCreator() {
  return ({ level, label, log }: LogEntry & { label: string }) => {
    const { message, timestamp: _timestamp, ...extra } = log;
    process.stderr.write(
      `${JSON.stringify({ level: levels[level] ?? label.toLowerCase(), source: 'kafkajs', message, ...extra })}\n`,
    );
  };
}

export function createKafka(options: KafkaOptions): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: 30000,
    logLevel: options.silent ? logLevel.NOTHING : logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
  };
  return new Kafka(config);
}
