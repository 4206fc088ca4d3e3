// The transport moved to @gomeet/platform so the meeting service's invitations share it.
export { createMailer, type Mailer, type MailDelivery, type OutgoingMail } from '@gomeet/platform';
