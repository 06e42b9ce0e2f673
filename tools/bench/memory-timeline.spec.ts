import { heapUsedBytes } from './memory-timeline';

describe('heapUsedBytes', () => {
  it('reads the heap-used gauge whatever its labels', () => {
    const page = [
      '# HELP hookline_nodejs_heap_size_total_bytes Process heap size from Node.js in bytes.',
      'hookline_nodejs_heap_size_total_bytes{service="dispatcher"} 90000000',
      '# TYPE hookline_nodejs_heap_size_used_bytes gauge',
      'hookline_nodejs_heap_size_used_bytes{service="dispatcher"} 61234567',
    ].join('\n');
    expect(heapUsedBytes(page)).toBe(61234567);
    expect(heapUsedBytes('hookline_nodejs_heap_size_used_bytes 1.5e7')).toBe(15_000_000);
  });

  it('is undefined without the gauge', () => {
    expect(heapUsedBytes('hookline_nodejs_heap_size_total_bytes 90000000')).toBeUndefined();
  });
});
