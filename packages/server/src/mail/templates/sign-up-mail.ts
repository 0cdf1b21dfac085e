import { type MailContent, mailBody } from './mail-body.js';

/** The link that finishes a sign-up: the studio is made when the owner opens it. */
export function signUpMail(values: {
  firstName: string;
  studioName: string;
  link: string;
  hours: number;
}): MailContent {
  return mailBody({
    subject: 'Finish making your Proofsheet studio',
    firstName: values.firstName,
    before: [
      `Someone (we hope you) asked to make the studio "${values.studioName}" on Proofsheet with this address.`,
      `To finish, open this link within ${values.hours} hours and choose your password. It works once:`,
    ],
    link: { href: values.link, label: 'Finish signing up' },
    after: ['If it was not you, ignore this email: nothing is made without you.'],
  });
}

/**
 * What a sign-up with an address that has an account sends instead of a link: the same answer
 * went to whoever asked, and only the address's owner learns the account exists.
 */
export function alreadySignedUpMail(values: {
  firstName: string;
  signInLink: string;
  resetLink: string;
}): MailContent {
  return mailBody({
    subject: 'You already have a Proofsheet account',
    firstName: values.firstName,
    before: [
      'Someone (we hope you) tried to sign up on Proofsheet with this address, which already has an account. Sign in instead:',
    ],
    link: { href: values.signInLink, label: 'Sign in' },
    after: [
      'To open another studio of your own, sign in and use "Your studios" on your account page: one account may belong to several studios.',
      `Forgot your password? Ask for a new one at ${values.resetLink}`,
      'If it was not you, ignore this email: nothing changed.',
    ],
  });
}
