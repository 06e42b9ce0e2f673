import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { newId } from '@hookline/contracts';
import { createServiceMetrics } from '@hookline/observability';
import { createDataSource } from '@hookline/persistence';
import { NotifierMetrics } from '../notifier-metrics';
import { AlertMailSender } from './alert-mail.sender';
import { AlertMails } from './alert-mails';
import type { MailOptions } from './mail.options';
import { SmtpTransport } from './smtp-transport';

interface Received {
  to: string[];
  subject: string;
  text: string;
}

/** An SMTP server on loopback that accepts mail, or refuses every recipient with a 550. */
async function smtpServer(refuse: boolean): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: parsed.subject ?? '', text: parsed.text ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The alert mail sender against a real Postgres and a real SMTP server: queued mail is sent once and
 * marked; an unreachable server means a retry later, a refusal means giving up.
 */
describe('alert mail sending against a real Postgres and SMTP server', () => {
  const dataSource = createDataSource({ url: process.env.HOOKLINE_TEST_DATABASE_URL!, poolSize: 2 });
  const subscriptionId = newId('sub');
  const options: MailOptions = { enabled: true, from: 'Hookline <alerts@hookline.test>', apiBaseUrl: null, pollIntervalMs: 1000 };
  const metrics = () => new NotifierMetrics(createServiceMetrics('status-notifier'), dataSource);

  beforeAll(async () => {
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM alert_mails WHERE subscription_id = $1`, [subscriptionId]);
    await dataSource.destroy();
  });

  async function queue(recipient: string): Promise<string> {
    const [row] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO alert_mails (tenant_id, subscription_id, recipient, subject, text_body, html_body, next_attempt_at)
       VALUES ($1, $2, $3, 'Webhook disabled', 'It was disabled.', '<p>It was disabled.</p>', now() - interval '1 second') RETURNING id`,
      [newId('ten'), subscriptionId, recipient],
    );
    return row!.id;
  }

  const state = async (id: string) =>
    (
      await dataSource.query<{ sent: boolean; failed: boolean; attempts: number; later: boolean; last_error: string | null }[]>(
        `SELECT sent_at IS NOT NULL AS sent, failed_at IS NOT NULL AS failed, attempts, next_attempt_at > now() AS later, last_error
         FROM alert_mails WHERE id = $1`,
        [id],
      )
    )[0];

  function sender(port: number): { sender: AlertMailSender; transport: SmtpTransport } {
    const transport = new SmtpTransport(`smtp://127.0.0.1:${port}`);
    return { sender: new AlertMailSender(dataSource, transport, options, new AlertMails(options), metrics()), transport };
  }

  it('sends a queued mail once and marks it sent', async () => {
    const server = await smtpServer(false);
    const { sender: mailSender, transport } = sender(server.port);
    try {
      const recipient = `ops-${newId('ten').slice(-8)}@example.test`;
      const id = await queue(recipient);
      await mailSender.sendDue();
      expect(await state(id)).toMatchObject({ sent: true, failed: false, attempts: 1 });
      await mailSender.sendDue();
      expect(server.received.filter((mail) => mail.to.includes(recipient))).toEqual([
        { to: [recipient], subject: 'Webhook disabled', text: 'It was disabled.' },
      ]);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('keeps a mail for later while the server is unreachable, and sends it once it is back', async () => {
    const server = await smtpServer(false);
    const port = server.port;
    await server.close();
    const { sender: down, transport } = sender(port);
    const recipient = `later-${newId('ten').slice(-8)}@example.test`;
    const id = await queue(recipient);
    await down.sendDue();
    transport.close();
    expect(await state(id)).toMatchObject({ sent: false, failed: false, attempts: 1, later: true, last_error: expect.stringContaining('ECONNREFUSED') });

    await dataSource.query(`UPDATE alert_mails SET next_attempt_at = now() WHERE id = $1`, [id]);
    const back = await smtpServer(false);
    const { sender: up, transport: upTransport } = sender(back.port);
    try {
      await up.sendDue();
      expect(await state(id)).toMatchObject({ sent: true, attempts: 2 });
      expect(back.received.filter((mail) => mail.to.includes(recipient))).toHaveLength(1);
    } finally {
      upTransport.close();
      await back.close();
    }
  });

  it('gives up at once when the server refuses the mail for good', async () => {
    const server = await smtpServer(true);
    const { sender: mailSender, transport } = sender(server.port);
    try {
      const id = await queue('nobody@example.test');
      await mailSender.sendDue();
      expect(await state(id)).toMatchObject({ sent: false, failed: true, attempts: 1, last_error: expect.stringContaining('550') });
    } finally {
      transport.close();
      await server.close();
    }
  });
});
