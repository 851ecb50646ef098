import { z } from 'zod';

/**
 * The legal time limits that make a case overdue. Defaults follow the Law on THADS
 * (2008, amended 2014); law 106/2025/QH15 may change them, so they are configuration
 * (`OVERDUE_RULES` as JSON), never constants in queries.
 */
export const overdueRulesSchema = z.object({
  /** Working days from the enforcement decision to the notification. */
  notifyWorkingDays: z.number().int().min(0).max(60),
  /** Calendar days for voluntary enforcement after notification. */
  voluntaryDays: z.number().int().min(0).max(90),
  /** Calendar days after the voluntary period to verify the debtor's conditions. */
  verifyDays: z.number().int().min(0).max(90),
  /** Months between re-verifications of a case without conditions. */
  reverifyMonths: z.number().int().min(1).max(36),
  /**
   * The same for a case flagged `prison` (a term of 2 years or more left) or `unknown_address`
   * (Article 44 as amended in 2014: at least once a year).
   */
  reverifyFlaggedMonths: z.number().int().min(1).max(36),
  /** A case with conditions not done this many months after acceptance is flagged. */
  staleMonths: z.number().int().min(1).max(60),
  /** Days overdue after which alerts escalate to the overseeing leader. */
  escalateAfterDays: z.number().int().min(1).max(365),
});

export type OverdueRules = z.infer<typeof overdueRulesSchema>;

export const defaultOverdueRules: OverdueRules = {
  notifyWorkingDays: 3,
  voluntaryDays: 10,
  verifyDays: 10,
  reverifyMonths: 6,
  reverifyFlaggedMonths: 12,
  staleMonths: 12,
  escalateAfterDays: 30,
};
