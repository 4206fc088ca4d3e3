// The English strings are the source of truth for keys: t('unknown.key') fails tsc.
import 'i18next';
import type admin from './locales/en/admin.json';
import type auth from './locales/en/auth.json';
import type breakouts from './locales/en/breakouts.json';
import type common from './locales/en/common.json';
import type dashboard from './locales/en/dashboard.json';
import type e2ee from './locales/en/e2ee.json';
import type media from './locales/en/media.json';
import type meeting from './locales/en/meeting.json';
import type polls from './locales/en/polls.json';
import type prejoin from './locales/en/prejoin.json';
import type profile from './locales/en/profile.json';
import type recording from './locales/en/recording.json';
import type room from './locales/en/room.json';
import type shortcuts from './locales/en/shortcuts.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    returnNull: false;
    resources: {
      common: typeof common;
      auth: typeof auth;
      profile: typeof profile;
      dashboard: typeof dashboard;
      admin: typeof admin;
      room: typeof room;
      breakouts: typeof breakouts;
      polls: typeof polls;
      recording: typeof recording;
      shortcuts: typeof shortcuts;
      e2ee: typeof e2ee;
      meeting: typeof meeting;
      prejoin: typeof prejoin;
      media: typeof media;
    };
  }
}
