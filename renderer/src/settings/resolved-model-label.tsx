/**
 * A preset model as a person reads it: what its selector loads on this machine (name, quantization,
 * size) or that nothing matching is downloaded, with the raw selector only when asked for.
 */
import { useTranslation } from 'react-i18next';
import type { ResolvedPresetModel } from '../../../shared/contract/presets';
import { parseFamilyQuery } from '../../../shared/presets/family-query';
import { formatBytesGiB } from '../format/format-number';

/** "a ~7B model (qwen2.5, llama or mistral), Q4_K_M or smaller" for a family selector; the key itself otherwise. */
/** "Stand-in: no qwen2.5-coder, codellama model of ~7B is downloaded…" for a row whose model is the selector's `*` fallback. */
function useSubstituteWords(selector: string): string {
  const { t } = useTranslation();
  const query = parseFamilyQuery(selector);
  const families = query?.families.filter((f) => f !== '*') ?? [];
  if (!query || !families.length) return '';
  return t('presets.substituteHint', { size: sizeWords(query.billions), families: families.join(', ') });
}

/** "7B", "500M". */
function sizeWords(billions: number): string {
  return billions >= 1 ? `${billions}B` : `${Math.round(billions * 1000)}M`;
}

function useSelectorWords(selector: string): string {
  const { t } = useTranslation();
  const query = parseFamilyQuery(selector);
  if (!query) return selector;
  const size = sizeWords(query.billions);
  const named = query.families.filter((f) => f !== '*');
  const words = named.length
    ? t('presets.selectorFamilies', { size, families: named.join(', ') })
    : t('presets.selectorAny', { size });
  return query.maxQuantization ? t('presets.selectorQuant', { what: words, quant: query.maxQuantization }) : words;
}

export interface ResolvedModelLabelProps {
  /** The preset model's key: an exact model key or a family selector. */
  selector: string;
  /** What the core resolved it to, once the dry run answered; null before (or when LM Studio is unreachable). */
  resolved: ResolvedPresetModel | null;
  showSelector: boolean;
}

/** The row title of one preset model. */
export function ResolvedModelLabel({ selector, resolved, showSelector }: ResolvedModelLabelProps) {
  const { t, i18n } = useTranslation();
  const words = useSelectorWords(selector);
  const substitute = useSubstituteWords(selector);
  const raw = showSelector ? (
    <div className="muted small mono" data-testid="model-selector">
      {selector}
    </div>
  ) : null;
  if (resolved?.key) {
    const facts = [
      resolved.paramsString,
      resolved.quantization,
      resolved.sizeBytes !== null ? formatBytesGiB(resolved.sizeBytes, i18n.language) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return (
      <div data-testid="resolved-model">
        <div style={{ fontWeight: 500 }} title={resolved.key}>
          {resolved.displayName ?? resolved.key}
        </div>
        {facts ? <div className="muted small">{facts}</div> : null}
        {resolved.substitute && substitute ? (
          <div className="small" style={{ color: 'var(--warn)' }} data-testid="substitute-note">
            {substitute}
          </div>
        ) : null}
        {raw}
      </div>
    );
  }
  if (resolved) {
    return (
      <div data-testid="resolved-model">
        <div style={{ fontWeight: 500, color: 'var(--warn)' }}>{t('presets.notDownloaded')}</div>
        <div className="muted small">{t('presets.notDownloadedHint', { what: words })}</div>
        {raw}
      </div>
    );
  }
  return (
    <div data-testid="resolved-model">
      <div style={{ fontWeight: 500 }}>{words}</div>
      {raw}
    </div>
  );
}
