import type { Meeting } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorNote } from '../ui/ErrorNote';
import { WaitNote } from '../ui/WaitNote';
import { Field } from '../ui/Field';
import { formText } from '../ui/form-text';
import { E2eeNotice } from '../e2ee/E2eeNotice';
import { describeEffectError } from '../media/effects';
import { EffectControls } from '../media/EffectControls';
import { canPickSpeaker } from '../media/speaker';
import { useBackgroundPreview } from '../media/use-background-preview';
import { DeviceSelect } from './DeviceSelect';
import { ConnectionCheck } from './ConnectionCheck';
import type { DeviceChoices } from './device-prefs';
import { MicLevel } from './MicLevel';
import { SpeakerTest } from './SpeakerTest';
import { useMediaPreview } from './use-media-preview';
import { VideoPreview } from './VideoPreview';

export interface JoinForm {
  displayName: string;
  passcode: string | undefined;
}

interface PreJoinProps {
  code: string;
  meeting: Meeting | null;
  /** The signed-in person's name; null for a guest, who types one. */
  accountName: string | null;
  guestName: string;
  choices: DeviceChoices;
  onChoices: (c: DeviceChoices) => void;
  askPasscode: boolean;
  error: string | null;
  /** A countdown while the server asks us to wait (429 Retry-After). */
  notice?: string | null;
  busy: boolean;
  onJoin: (form: JoinForm) => void;
  /** End-to-end encrypted (a guest's link says so with its key before the meeting is known). */
  encrypted?: boolean;
}

/**
 * Check yourself before going in: camera preview with its background effect, microphone level,
 * a test sound, devices, noise suppression, the network's reach, name, passcode.
 */
export function PreJoin(props: PreJoinProps) {
  const { code, meeting, accountName, choices, onChoices, askPasscode, error, busy } = props;
  const { t } = useTranslation('prejoin');
  const preview = useMediaPreview(choices);
  const [effectError, setEffectError] = useState<string | null>(null);
  const shownVideo = useBackgroundPreview(preview.videoTrack, choices.background, (e) =>
    setEffectError(describeEffectError('background', e)),
  );
  const [name, setName] = useState(accountName ?? props.guestName);
  const [nameError, setNameError] = useState<string>();
  const set = (patch: Partial<DeviceChoices>) => onChoices({ ...choices, ...patch });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const passcode = formText(new FormData(e.currentTarget), 'passcode').trim();
    if (!name.trim()) return setNameError(t('form.nameRequired'));
    setNameError(undefined);
    props.onJoin({ displayName: name.trim(), passcode: passcode || undefined });
  };

  return (
    <main className="prejoin" data-testid="prejoin">
      <section className="prejoin-media" aria-label={t('preview.region')}>
        <VideoPreview track={shownVideo} name={name} />
        <div className="toggles">
          <button
            type="button"
            className={choices.audioEnabled ? 'toggle on' : 'toggle off'}
            aria-pressed={choices.audioEnabled}
            onClick={() => set({ audioEnabled: !choices.audioEnabled })}
          >
            {choices.audioEnabled ? t('preview.micOn') : t('preview.micOff')}
          </button>
          <button
            type="button"
            className={choices.videoEnabled ? 'toggle on' : 'toggle off'}
            aria-pressed={choices.videoEnabled}
            onClick={() => set({ videoEnabled: !choices.videoEnabled })}
          >
            {choices.videoEnabled ? t('preview.cameraOn') : t('preview.cameraOff')}
          </button>
        </div>
        <ErrorNote message={preview.errors.camera ?? null} testId="camera-error" />
        <ErrorNote message={preview.errors.microphone ?? null} testId="microphone-error" />
        <DeviceSelect
          label={t('devices.camera')}
          devices={preview.cameras}
          value={choices.videoDeviceId}
          onChange={(id) => set({ videoDeviceId: id })}
        />
        <DeviceSelect
          label={t('devices.microphone')}
          devices={preview.microphones}
          value={choices.audioDeviceId}
          onChange={(id) => set({ audioDeviceId: id })}
        />
        <MicLevel track={preview.audioTrack} />
        {canPickSpeaker() && (
          <DeviceSelect
            label={t('devices.speaker')}
            devices={preview.speakers}
            value={choices.audioOutputId}
            onChange={(id) => set({ audioOutputId: id })}
          />
        )}
        <SpeakerTest sinkId={choices.audioOutputId} />
        <EffectControls
          noiseSuppression={choices.noiseSuppression}
          background={choices.background}
          onChange={(patch) => {
            setEffectError(null);
            set(patch);
          }}
        />
        <ErrorNote message={effectError} testId="effect-error" />
      </section>
      <form className="card prejoin-form" onSubmit={submit} aria-label={t('form.label')} noValidate>
        <h1>{meeting?.title ?? t('form.readyToJoin')}</h1>
        <p className="muted">
          <Trans
            t={t}
            i18nKey={meeting ? 'form.meetingHostedBy' : 'form.meeting'}
            values={{ code, host: meeting?.hostName }}
            components={{ code: <code data-testid="meeting-code" /> }}
          />
        </p>
        {props.encrypted && <E2eeNotice />}
        {accountName === null ? (
          <Field
            label={t('form.yourName')}
            name="displayName"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={nameError}
          />
        ) : (
          <p>
            <Trans
              t={t}
              i18nKey="form.joiningAs"
              values={{ name: accountName }}
              components={{ strong: <strong /> }}
            />
          </p>
        )}
        {askPasscode && (
          <Field label={t('form.passcode')} name="passcode" autoComplete="off" autoFocus />
        )}
        <ErrorNote message={error} testId="join-error" />
        <WaitNote message={props.notice ?? null} testId="join-wait" />
        <button type="submit" disabled={busy} data-testid="join-button">
          {busy ? t('form.joining') : t('form.join')}
        </button>
        <ConnectionCheck />
      </form>
    </main>
  );
}
