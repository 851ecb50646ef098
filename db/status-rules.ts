import { OPEN } from './numbers/case-state.ts';
import type { CaseStatus } from './schema.ts';

/** Who may make a status move: any person allowed to update the case, or only a leader. */
export type Mover = 'anyone' | 'leader';

/**
 * The status moves a progress report may make (Law on THADS 2008, amended 2014), as data so
 * that the 2026 law (106/2025/QH15) can change a row, not the code. A move absent here is
 * refused. Moves between two non-enforcing statuses that the law reaches only through a
 * resumed enforcement (postponed → entrusted, for example) are left out on purpose: the
 * officer records the resumption first, on the same day if need be.
 */
export const statusTransitions: Readonly<Record<CaseStatus, Readonly<Partial<Record<CaseStatus, Mover>>>>> = {
  // Art. 48 postponement, 49 suspension, 44a no conditions, 52 done, 50 termination,
  // 55 entrusting, 37 withdrawal or annulment of the decision.
  enforcing: {
    postponed: 'anyone',
    suspended: 'anyone',
    no_conditions: 'anyone',
    completed: 'anyone',
    terminated: 'anyone',
    entrusted: 'anyone',
    withdrawn: 'anyone',
  },
  // The ground ends (resume), becomes a cassation protest (suspend), or the debtor pays anyway.
  postponed: { enforcing: 'anyone', suspended: 'anyone', completed: 'anyone', terminated: 'anyone', withdrawn: 'anyone' },
  // Resumed after the protest or bankruptcy ends; terminated or withdrawn when the judgment falls.
  suspended: { enforcing: 'anyone', terminated: 'anyone', withdrawn: 'anyone' },
  // Re-verification finds conditions here or property elsewhere; a debtor may still pay in full;
  // a bankrupt debtor's case is suspended like any other.
  no_conditions: {
    enforcing: 'anyone',
    suspended: 'anyone',
    completed: 'anyone',
    terminated: 'anyone',
    entrusted: 'anyone',
    withdrawn: 'anyone',
  },
  // Closed cases leave the books; reopening one (a mistaken report, a decision revived) changes
  // the unit's figures, so only a leader may do it, and only back to enforcing.
  completed: { enforcing: 'leader' },
  terminated: { enforcing: 'leader' },
  entrusted: { enforcing: 'leader' },
  withdrawn: { enforcing: 'leader' },
};

/** Who may move a case from `from` to `to`, or null when the move is not allowed at all. */
export function moverOf(from: CaseStatus, to: CaseStatus): Mover | null {
  return statusTransitions[from][to] ?? null;
}

/** A case still in hand: it takes collections, verifications and deadlines. */
export function isOpenStatus(status: CaseStatus): boolean {
  return (OPEN as readonly CaseStatus[]).includes(status);
}
