export { TestDnsServer, type DnsQuery, type TestDnsServerOptions } from './dns-server';
