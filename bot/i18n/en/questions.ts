import type { Catalogue } from '../index.ts';

// Questioning (chất vấn): chatvan, traloi, the messages posted in a unit's group, the
// question-reminders job and the `thads questions` listing. {question} is a short id (CV12).
export const enQuestions: Catalogue = {
  'question.empty': 'The question or answer is empty; please type it.',
  'question.control_characters': 'The text contains a control character (often picked up when copying and pasting); please type it again.',
  'question.too_long': 'The text is {length} characters long, more than the {max} allowed; please keep it shorter.',
  'question.ask_not_allowed': 'Only the province’s leaders question a unit about a case.',
  'question.answer_not_allowed': 'Question {question} was put to another unit: only that unit’s leaders answer it.',
  'question.already_answered': 'Question {question} has already been answered; a second answer is not recorded. Send {/case} <case code> to see it.',
  'question.not_found': 'No question "{question}" found. A question’s id looks like CV12 and is shown in the question’s message.',
  'cmd.chatvan.usage': '{/chatvan} <case code> <question>',
  'cmd.chatvan.desc': 'Question a unit about a case; the question goes to the unit’s head in the unit’s group.',
  'cmd.chatvan.sent': 'Question {question} about case {case} was sent to {unit} ({where}). The answer will come to you privately.',
  'cmd.chatvan.no_channel':
    'Question {question} about case {case} is recorded, but {unit} has no Telegram group or Slack channel, so it could not be sent. Please ask an administrator to set the unit’s group.',
  'cmd.traloi.usage': '{/traloi} <question id> <answer>',
  'cmd.traloi.desc': 'Answer a province leader’s question (id like CV12); you can also reply to the question’s message.',
  'cmd.traloi.ask_answer': 'Type your answer to question {question} about case {case} (at most {max} characters). Send {/cancel} to stop.',
  'cmd.traloi.done': 'Your answer to question {question} about case {case} is recorded and was sent to {asker}.',
  'cmd.traloi.button.cancel': 'Cancel',
  'question.post.title': 'Question {question} · case {case}',
  'question.post.to': 'To {head}, {unit}:',
  'question.post.to_unit': 'To the leaders of {unit}:',
  'question.post.asked': '{asker} asks about case {case} on {date}:',
  'question.post.how': 'Please answer with the button below, by replying to this message, or send {/traloi} {question} <answer>.',
  'question.button.answer': 'Answer',
  'question.answer.title': 'Answer to question {question} · case {case}',
  'question.answer.asked': 'Question by {asker} on {date}:',
  'question.answer.by': '{answerer} answered on {date}:',
  'question.reminder.title': 'Reminder: question {question} · case {case}',
  'question.reminder.text':
    '{head}, please answer the question {asker} asked about case {case} on {date}, unanswered for {days} working days:',
  'question.reminder.text_unit':
    'Leaders of {unit}, please answer the question {asker} asked about case {case} on {date}, unanswered for {days} working days:',
  'question.escalation.title': 'Question {question} not answered',
  'question.escalation.text': 'The question {asker} asked {unit} about case {case} on {date} has been unanswered for {days} working days:',
  'question.timeline.asked': 'Question {question} by {asker}: {body}',
  'question.timeline.answered': 'Answer to {question} by {answerer}: {body}',
  'views.answer.title': 'Answer a question',
  'views.answer.submit': 'Send answer',
  'views.answer.question': 'Question {question} by {asker} about case {case}:',
  'views.answer.field': 'Your answer',
  'views.answer.already': 'This answer was already recorded; it is not recorded again.',
};
