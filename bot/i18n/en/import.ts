import type { Catalogue } from '../index.ts';

// Messages for CSV import issues; the CLI prints them as `file:line: column: message`.
export const enImport: Catalogue = {
  'import.empty_file': 'The file is empty: there is no header row.',
  'import.header_missing': 'The header lacks the column "{column}".',
  'import.header_unknown': 'The column "{column}" is not part of this kind of file.',
  'import.header_duplicate': 'The column "{column}" appears twice in the header.',
  'import.header_absent': 'Line 1 is not a header: the file must start with the column names {columns}.',
  'import.header_semicolon':
    'The columns are separated by semicolons (;): a CSV file here needs commas. Save the file again as "CSV UTF-8 (Comma delimited)".',
  'import.header_tab':
    'The columns are separated by tabs: a CSV file here needs commas. Save the file again as "CSV UTF-8 (Comma delimited)".',
  'import.header_pipe':
    'The columns are separated by vertical bars (|): a CSV file here needs commas. Save the file again as "CSV UTF-8 (Comma delimited)".',
  'import.csv_syntax': 'The CSV is malformed, usually a quote left open or misplaced (error {detail}).',
  'import.column_count': 'The line has {got} columns; it needs exactly {expected}.',
  'import.not_utf8': 'The cell has unreadable characters: save the file as "CSV UTF-8".',
  'import.required': 'This cell must not be empty.',
  'import.control_character': 'The cell holds a control character that cannot be printed ({code}): remove it.',
  'import.line_break': 'This cell must not break the line or hold a tab.',
  'import.date_out_of_range': 'The date "{value}" is out of range: from {from} to {to}.',
  'import.bad_date': 'The date "{value}" is not valid: write a real date as year-month-day (e.g. 2026-02-28).',
  'import.not_digits':
    'The amount "{value}" must be whole VND in digits only, without dots, commas or spaces (e.g. 1500000).',
  'import.negative_amount': 'The amount "{value}" must not be negative.',
  'import.amount_too_large': 'The amount "{value}" is too large (at most {max} VND).',
  'import.not_positive': 'A collection must be more than 0 VND.',
  'import.unknown_unit_kind': 'Unknown unit kind "{value}"; use one of: {allowed}.',
  'import.unknown_role': 'Unknown role "{value}"; use one of: {allowed}.',
  'import.unknown_status': 'Unknown status "{value}"; use one of: {allowed}.',
  'import.unknown_flag':
    'Unknown case flag "{value}"; use credit (credit institution), complex (complex or prolonged), complaint (under complaint), ' +
    'prison (serving a prison term with 2 years or more left), unknown_address (whereabouts unknown), separated by semicolons.',
  'import.unknown_inspection_kind': 'Unknown inspection kind "{value}"; use one of: {allowed}.',
  'import.unknown_finding_status': 'Unknown finding status "{value}"; use one of: {allowed}.',
  'import.bad_rate': 'The rate "{value}" must be a percentage from 0 to 100, with a dot for decimals (e.g. 83.9).',
  'import.bad_year': 'The work year "{value}" is not valid (e.g. 2027).',
  'import.bad_telegram_user': 'The Telegram user id "{value}" must be a positive whole number.',
  'import.bad_slack_user': 'The Slack user id "{value}" is not valid (it starts with U or W, e.g. U012AB3CD).',
  'import.bad_telegram_chat': 'The Telegram chat id "{value}" must be a whole number (groups are negative, e.g. -1001234567890).',
  'import.bad_slack_channel': 'The Slack channel id "{value}" is not valid (it starts with C, G or D, e.g. C012AB3CD).',
  'import.duplicate_code': 'The code "{value}" is already on line {first} of this file.',
  'import.duplicate_target': 'A target for the same unit, officer and work year is already on line {first}.',
  'import.duplicate_chat_id': 'The account "{value}" is already given to the person on line {first}.',
  'import.unknown_unit': 'No unit has the code "{value}".',
  'import.unknown_officer': 'No enforcement officer has the code "{value}".',
  'import.officer_not_in_unit': 'The enforcement officer "{value}" does not belong to the unit {unit}.',
  'import.unknown_case': 'No case has the code "{value}".',
  'import.unknown_inspection': 'No inspection has the code "{value}".',
  'import.unknown_staff': 'No staff member has the code "{value}".',
  'import.parent_cycle': 'The parent unit "{value}" makes a loop: {unit} would be its own parent.',
  'import.status_before_accepted': 'The status date ({value}) is before the date the case was accepted ({accepted}).',
  'import.collected_before_accepted': 'The collection date ({value}) is before the date the case was accepted ({accepted}).',
  'import.chat_id_taken': 'The account "{value}" is already linked to staff member {staff}.',
  'import.chat_already_linked':
    'This person has linked the account "{linked}" themselves: leave this cell empty or give that account.',
  'import.bad_code':
    'The code "{value}" is not valid: only letters without diacritics, digits and . _ -, no spaces, at most {max} characters (e.g. BH-DS-2025-0161).',
  'import.date_in_future': 'The date "{value}" is after today ({today}): what has happened cannot be dated in the future.',
  'import.deadline_too_far': 'The deadline "{value}" is too far ahead: at the latest {max}, {years} years from today.',
  'import.collection_no_money': 'Case {case} has no money to enforce: the collection of {value} VND cannot be recorded.',
  'import.collection_above_remaining':
    'The collection of {value} VND is more than case {case} still owes ({remaining} VND of {amount} VND, less what was reported from chat and the file\'s earlier rows for this case).',
};
