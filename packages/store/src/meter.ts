import type { Db } from './client.js';

/** What one metered stretch of work cost DynamoDB, by operation. */
export interface MeterReading {
  /** Calls per command, e.g. { GetCommand: 3, QueryCommand: 2, BatchGetCommand: 1 }. */
  calls: Record<string, number>;
  /** Items the reads returned (a paginated Query is one call per page). */
  items: number;
  readCapacityUnits: number;
  writeCapacityUnits: number;
}

export interface Meter {
  read(): MeterReading;
  reset(): void;
  /** Takes the middleware off the client again. */
  detach(): void;
}

const READS = new Set(['GetCommand', 'QueryCommand', 'BatchGetCommand', 'TransactGetCommand', 'ScanCommand']);
const NAME = 'schoolgateMeter';

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Counts every DynamoDB call the client makes (queries, batch reads and transactions included,
 * which a hand-kept counter misses) and asks DynamoDB for the capacity each consumed
 * (`ReturnConsumedCapacity: TOTAL`; DynamoDB Local reports it too). For benches and tests: it is
 * middleware on the shared client, so every store function is measured without changing it.
 *
 * @example
 * const meter = meterDb(db);
 * await readSchoolStanding(db, schoolId, '2027-01-20');
 * meter.read(); // { calls: { GetCommand: 3, QueryCommand: 1, … }, readCapacityUnits: 4.5, … }
 * meter.detach();
 */
export function meterDb(db: Db): Meter {
  let reading: MeterReading = { calls: {}, items: 0, readCapacityUnits: 0, writeCapacityUnits: 0 };
  const add = (capacity: Capacity | Capacity[] | undefined, isRead: boolean) => {
    for (const c of [capacity ?? []].flat()) {
      const units = c.CapacityUnits ?? (isRead ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
      if (isRead) reading.readCapacityUnits += units;
      else reading.writeCapacityUnits += units;
    }
  };
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      reading.calls[command] = (reading.calls[command] ?? 0) + 1;
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[]; Items?: unknown[] };
      if (Array.isArray(output.Items)) reading.items += output.Items.length;
      add(output.ConsumedCapacity, READS.has(command));
      return result;
    },
    { step: 'initialize', name: NAME, override: true },
  );
  return {
    read: () => structuredClone(reading),
    reset: () => {
      reading = { calls: {}, items: 0, readCapacityUnits: 0, writeCapacityUnits: 0 };
    },
    detach: () => {
      db.doc.middlewareStack.remove(NAME);
    },
  };
}
