import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextOperation } from './operation';
import { DocumentProtocol, type Effects, type OpenAnswer, type WireOperation } from './protocol';

/** tests/fixtures/protocol/*.json, replayed here and by the .NET client's DocumentProtocolScenarioTests (format: README.md there). */
interface Expected {
  send?: { baseRevision: number; operation: (number | string)[]; clientId: string; sequence: number }[];
  reopen?: { from: number | null };
  reset?: boolean;
  error?: string;
  text?: string;
  revision?: number;
  state?: string;
  clientId?: string;
}

type Step =
  | { do: 'open'; from: number | null; expect?: Expected }
  | { do: 'answer'; answer: OpenAnswer; expect?: Expected }
  | { do: 'edit'; operation: (number | string)[]; expect?: Expected }
  | { do: 'broadcast'; operations: WireOperation[]; expect?: Expected }
  | { do: 'refused'; clientId: string; sequence: number; code: string; expect?: Expected }
  | { do: 'disconnect'; expect?: Expected };

interface Scenario { name: string; description: string; clientIds: string[]; steps: Step[] }

const folder = join(__dirname, '../../../tests/fixtures/protocol');
const scenarios = readdirSync(folder).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as Scenario);

const none = (): Effects => ({ send: [], remote: [], reopen: null, reset: null, error: null });

/** Runs one scenario; the first mismatch fails with the scenario, step and what differed. */
function replay(scenario: Scenario): void {
  const ids = [...scenario.clientIds];
  const protocol = new DocumentProtocol(() => {
    const id = ids.shift();
    if (id === undefined) throw new Error(`${scenario.name}: the client asked for more client ids than the scenario lists`);
    return id;
  });
  scenario.steps.forEach((step, index) => {
    const where = `${scenario.name}, step ${index + 1} (${step.do})`;
    let effects = none();
    switch (step.do) {
      case 'open':
        expect(protocol.opening(), `${where}: opens from`).toBe(step.from);
        break;
      case 'answer':
        effects = protocol.opened(step.answer);
        break;
      case 'edit':
        effects = protocol.edit(TextOperation.fromJSON(step.operation));
        break;
      case 'broadcast':
        effects = protocol.receive(step.operations);
        break;
      case 'refused':
        effects = protocol.refused(step.clientId, step.sequence, step.code);
        break;
      case 'disconnect':
        protocol.opening();
        break;
    }
    const expected = step.expect ?? {};
    expect(effects.send.map((s) => ({ ...s, operation: s.operation.toJSON() })), `${where}: sends`).toEqual(expected.send ?? []);
    expect(effects.reopen, `${where}: opens again`).toEqual(expected.reopen ?? null);
    expect(effects.reset !== null, `${where}: replaces the text`).toBe(expected.reset ?? false);
    expect(effects.error, `${where}: reports`).toBe(expected.error ?? null);
    if (expected.text !== undefined) expect(protocol.text, `${where}: text`).toBe(expected.text);
    if (expected.revision !== undefined) expect(protocol.revision, `${where}: revision`).toBe(expected.revision);
    if (expected.state !== undefined) expect(protocol.state, `${where}: state`).toBe(expected.state);
    if (expected.clientId !== undefined) expect(protocol.clientId, `${where}: client id`).toBe(expected.clientId);
  });
}

describe('the shared protocol scenarios', () => {
  it('are all there', () => {
    expect(scenarios.map((s) => s.name)).toEqual(expect.arrayContaining([
      'reconnection-resubmission', 'reconnection-acknowledgement-lost', 'refusal-final', 'refusal-transient',
      'reopen-catch-up', 'out-of-order-broadcasts', 'concurrent-inserts-tie', 'client-id-taken',
    ]));
  });

  for (const scenario of scenarios) {
    it(scenario.name, () => replay(scenario));
  }
});
