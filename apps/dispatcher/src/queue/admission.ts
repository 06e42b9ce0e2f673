/**
 * Which members of a unit an ordered subscription may send now (strict FIFO, SPEC §3). `queueHead`
 * is the start of the subscription's queue in Postgres (deliveries waiting behind a failure, or queued
 * by enable/replay/retry), at least as long as the unit. With an empty queue everything goes; otherwise
 * only the members that continue the queue from its head, in queue order, and the rest wait at its tail.
 */
export function admitInQueueOrder(memberIds: readonly string[], queueHead: readonly string[]): { send: string[]; park: string[] } {
  if (queueHead.length === 0) return { send: [...memberIds], park: [] };
  const members = new Set(memberIds);
  const send: string[] = [];
  for (const id of queueHead) {
    if (!members.has(id)) break;
    send.push(id);
  }
  const sending = new Set(send);
  return { send, park: memberIds.filter((id) => !sending.has(id)) };
}
