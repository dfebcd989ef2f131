import { z } from 'zod';
import { badRequest, forbidden } from '@galen/fhir';
import type { Operation, OperationContext } from './registry';
import { scopedContext } from './scope-guard';

/** Turn zod issues into one readable 400. */
export function inputError(error: z.ZodError, opName: string) {
  const lines = error.issues.slice(0, 10).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`);
  return badRequest(`Invalid input for ${opName}: ${lines.join('; ')}`);
}

/**
 * Check role and patient scope, validate input, run the handler and audit the call. The one path
 * every surface uses; a patient-scoped caller's handler gets the guarded context (`scope-guard.ts`).
 */
export async function invokeOperation(op: Operation, rawInput: unknown, outer: OperationContext): Promise<unknown> {
  const audit = outer.services.store.audit;
  let ctx: OperationContext;
  try {
    ctx = scopedContext(op, outer);
  } catch (err) {
    await audit.record({
      action: 'E',
      subtype: 'operation',
      operation: op.name,
      actor: outer.actor,
      outcome: '4',
      outcomeDesc: '403',
    });
    throw err;
  }
  if (!op.roles.includes(ctx.actor.role)) {
    await audit.record({
      action: 'E',
      subtype: 'operation',
      operation: op.name,
      actor: ctx.actor,
      outcome: '4',
      outcomeDesc: '403',
    });
    throw forbidden(`Role ${ctx.actor.role} may not call ${op.name}`);
  }
  const parsed = op.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    await audit.record({
      action: 'E',
      subtype: 'operation',
      operation: op.name,
      actor: ctx.actor,
      outcome: '4',
      outcomeDesc: '400',
    });
    throw inputError(parsed.error, op.name);
  }
  const input = parsed.data as { patientId?: unknown };
  try {
    const out = await op.handler(parsed.data, ctx);
    await audit.record({
      action: 'E',
      subtype: 'operation',
      operation: op.name,
      actor: ctx.actor,
      patientId: typeof input.patientId === 'string' ? input.patientId : undefined,
      outcome: '0',
    });
    return out;
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    await audit.record({
      action: 'E',
      subtype: 'operation',
      operation: op.name,
      actor: ctx.actor,
      outcome: status < 500 ? '4' : '8',
      outcomeDesc: String(status),
    });
    throw err;
  }
}
