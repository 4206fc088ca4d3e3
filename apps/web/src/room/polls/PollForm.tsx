import { MAX_POLL_OPTIONS, type PollView } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createPoll } from './polls-api';

interface PollFormProps {
  code: string;
  run: (action: () => Promise<unknown>) => void;
  onCreated: (poll: PollView) => void;
}

/** The host's form for a new poll: question, answers, single or multiple choice, anonymous. */
export function PollForm({ code, run, onCreated }: PollFormProps) {
  const { t } = useTranslation('polls');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const answers = options.map((o) => o.trim()).filter(Boolean);
    run(async () => {
      onCreated(await createPoll(code, { question, options: answers, multiple, anonymous }));
      setQuestion('');
      setOptions(['', '']);
    });
  };

  return (
    <form className="poll-form" onSubmit={submit} data-testid="poll-form">
      <label>
        {t('form.question')}
        <input
          value={question}
          maxLength={300}
          required
          onChange={(e) => setQuestion(e.target.value)}
          data-testid="poll-question"
        />
      </label>
      {options.map((value, i) => (
        <label key={i}>
          {t('form.answer', { number: i + 1 })}
          <input
            value={value}
            maxLength={200}
            required={i < 2}
            onChange={(e) => setOptions(options.map((o, j) => (j === i ? e.target.value : o)))}
            data-testid={`poll-option-${i}`}
          />
        </label>
      ))}
      {options.length < MAX_POLL_OPTIONS && (
        <button type="button" className="link" onClick={() => setOptions([...options, ''])}>
          {t('form.addAnswer')}
        </button>
      )}
      <label className="check">
        <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
        {t('form.multiple')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        {t('form.anonymous')}
      </label>
      <button type="submit" data-testid="poll-create">
        {t('form.save')}
      </button>
    </form>
  );
}
