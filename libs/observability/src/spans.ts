import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('hookline');

/**
 * Runs `work` in a client span that continues the trace of `parent` (a W3C traceparent carried in a
 * Kafka header), and hands it the traceparent to send onward: the span's own while tracing is on,
 * `parent` unchanged while it is off.
 */
export async function inClientSpan<T>(
  name: string,
  parent: string | undefined,
  attributes: Attributes,
  work: (outgoing: string | undefined, span: Span) => Promise<T>,
): Promise<T> {
  const parentContext = parent === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, { traceparent: parent });
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, parentContext, async (span) => {
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(parentContext, span), carrier);
    try {
      return await work(carrier.traceparent ?? parent, span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C traceparent of the span active right now (an incoming request's), when tracing is on. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}
