/** The chip saying which model answers and why; a select among the loaded models (routing comes later). */
import { useTranslation } from 'react-i18next';
import { selectLoadedModels } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';

/** The model picker chip. */
export function ModelChip() {
  const { t } = useTranslation();
  const loaded = useAppStore(selectLoadedModels);
  const chatModel = useAppStore((s) => s.chatModel);
  const byUser = useAppStore((s) => s.chatModelPickedByUser);
  const answering = useAppStore((s) => s.answeringModel);
  const get = useGetState();
  if (loaded.length === 0) return <span className="pill" role="status" data-testid="model-chip">{t('chat.noModels')}</span>;
  const why = answering?.reason ?? (loaded.length === 1 ? t('chat.whyOnly') : byUser ? t('chat.whyPicked') : t('chat.whyOnly'));
  return (
    <span className="pill accent model-chip" data-testid="model-chip" title={why}>
      <label className="sr-only" htmlFor="chat-model">{t('chat.model')}</label>
      <select
        id="chat-model"
        value={chatModel ?? ''}
        onChange={(e) => get().pickChatModel(e.target.value)}
        style={{ border: 0, background: 'transparent', color: 'inherit', padding: 0, font: 'inherit' }}
      >
        {loaded.map((m) => <option key={m.instanceId} value={m.instanceId}>{m.displayName ?? m.modelKey}</option>)}
      </select>
      <span className="why">· {why}</span>
    </span>
  );
}
