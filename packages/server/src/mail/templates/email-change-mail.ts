import { type MailContent, mailBody } from './mail-body.js';

/** To the new address: the link that confirms it. */
export function emailChangeMail(values: {
  firstName: string;
  oldEmail: string;
  link: string;
  hours: number;
}): MailContent {
  return mailBody({
    subject: 'Confirm your new Proofsheet email address',
    firstName: values.firstName,
    before: [
      `The Proofsheet account ${values.oldEmail} asked to sign in with this address from now on.`,
      `To confirm it, open this link within ${values.hours} hours. It works once:`,
    ],
    link: { href: values.link, label: 'Confirm this address' },
    after: ['If it was not you, ignore this email: nothing changes without the link.'],
  });
}

/**
 * To the new address when another user signs in with it already: no link (the address cannot
 * be given twice), and whoever asked got the same answer as for a free address.
 */
export function emailTakenMail(values: { firstName: string }): MailContent {
  return mailBody({
    subject: 'Your Proofsheet email address',
    firstName: values.firstName,
    before: [
      'Someone asked to move another Proofsheet account to this address, which an account of yours already uses, so nothing changed.',
    ],
    after: ['If it was you, sign in with this address instead; if not, ignore this email.'],
  });
}

/** To the old address: the change was asked for, and what to do if it was not them. */
export function emailChangeNoticeMail(values: {
  firstName: string;
  newEmail: string;
}): MailContent {
  return mailBody({
    subject: 'Your Proofsheet email address is being changed',
    firstName: values.firstName,
    before: [
      `Someone signed in to your Proofsheet account asked to change its address to ${values.newEmail}. A link to confirm it went there; until it is opened you sign in with this address.`,
    ],
    after: [
      'If it was not you, change your password now: whoever asked knows it. The new address changes nothing until its link is opened.',
    ],
  });
}
