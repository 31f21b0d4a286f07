import {
  Alert,
  Box,
  Button,
  Checkbox,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconSend } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';
import {
  type FeedbackCategory,
  type FeedbackInput,
  type FeedbackReceipt,
  useFeedbackCategories,
  usePublishedFeedback,
  useSubmitFeedback,
} from '../api/feedback';
import { useUnits } from '../api/public';
import { FormSection, Loading, QueryError } from '../components/common';
import { formatDate, formatDateTime, todayInVietnam } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

export const TEXT_MIN = 10;
export const TEXT_MAX = 5000;

type Field = 'unitCode' | 'category' | 'text' | 'dossierCode' | 'name' | 'phone' | 'email';
const FIELD_ORDER: Field[] = ['unitCode', 'category', 'text', 'dossierCode', 'name', 'phone', 'email'];

interface FormState {
  unitCode: string;
  category: string;
  text: string;
  dossierCode: string;
  name: string;
  phone: string;
  email: string;
  publish: boolean;
}

const EMPTY: FormState = {
  unitCode: '',
  category: '',
  text: '',
  dossierCode: '',
  name: '',
  phone: '',
  email: '',
  publish: false,
};

/** The category's name in the reader's language (the code when unknown). */
export function useCategoryLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const categories = useFeedbackCategories();
  return (code) => {
    const found = categories.data?.find((c: FeedbackCategory) => c.code === code);
    if (!found) return code;
    return i18n.language === 'en' ? found.nameEn : found.name;
  };
}

/** The deadline instant as a calendar date in Vietnam. */
function dueDate(iso: string, lang: string): string {
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? iso : formatDate(todayInVietnam(value), lang);
}

function FeedbackForm({ onSent }: { onSent: (receipt: FeedbackReceipt) => void }) {
  const { t, i18n } = useTranslation();
  const units = useUnits();
  const categories = useFeedbackCategories();
  const submit = useSubmitFeedback();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) =>
      setForm((old) => ({ ...old, [key]: value }));

  const focusFirst = (found: Partial<Record<Field, string>>) => {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) requestAnimationFrame(() => document.getElementById(`feedback-${first}`)?.focus());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const text = form.text.trim();
    const found: Partial<Record<Field, string>> = {};
    if (!form.unitCode) found.unitCode = t('feedback.errors.unit');
    if (!form.category) found.category = t('feedback.errors.category');
    if (text.length < TEXT_MIN) found.text = t('feedback.errors.text', { min: TEXT_MIN });
    if (form.name.trim().length < 2) found.name = t('feedback.errors.name');
    if (!form.phone.trim() && !form.email.trim()) found.phone = t('feedback.errors.contact');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    const input: FeedbackInput = {
      unitCode: form.unitCode,
      category: form.category,
      text,
      dossierCode: form.dossierCode.trim() || undefined,
      name: form.name.trim(),
      phone: form.phone.trim() || undefined,
      email: form.email.trim() || undefined,
      publish: form.publish,
    };
    submit.mutate(input, {
      onSuccess: (receipt) => {
        setForm(EMPTY);
        onSent(receipt);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 400) {
          const fromServer = error.fieldErrors();
          const mapped: Partial<Record<Field, string>> = {};
          for (const f of FIELD_ORDER) if (fromServer[f]) mapped[f] = fromServer[f];
          setErrors(mapped);
          if (Object.keys(mapped).length > 0) {
            focusFirst(mapped);
            return;
          }
        }
        setFormError(
          error instanceof ApiError && error.status === 429 ? t('feedback.rateLimited') : errorMessage(error),
        );
      },
    });
  };

  const unitOptions = [
    { value: '', label: t('feedback.choose') },
    ...(units.data ?? []).map((u) => ({ value: u.code, label: u.name })),
  ];
  const categoryOptions = [
    { value: '', label: t('feedback.choose') },
    ...(categories.data ?? []).map((c) => ({
      value: c.code,
      label: i18n.language === 'en' ? c.nameEn : c.name,
    })),
  ];

  return (
    <Paper withBorder p="md" component="form" noValidate onSubmit={onSubmit} data-testid="feedback-form">
      <Stack gap="md">
        <FormSection title={t('feedback.aboutLegend')}>
          <NativeSelect
            id="feedback-unitCode"
            label={t('feedback.unit')}
            data={unitOptions}
            value={form.unitCode}
            onChange={(e) => set('unitCode')(e.currentTarget.value)}
            error={errors.unitCode}
            required
            data-testid="feedback-unit"
          />
          <NativeSelect
            id="feedback-category"
            label={t('feedback.category')}
            data={categoryOptions}
            value={form.category}
            onChange={(e) => set('category')(e.currentTarget.value)}
            error={errors.category}
            required
            data-testid="feedback-category"
          />
          <Textarea
            id="feedback-text"
            label={t('feedback.text')}
            description={t('feedback.textHelp', { min: TEXT_MIN, max: TEXT_MAX })}
            value={form.text}
            onChange={(e) => set('text')(e.currentTarget.value)}
            error={errors.text}
            required
            autosize
            minRows={4}
            maxRows={12}
            maxLength={TEXT_MAX}
            data-testid="feedback-text"
          />
          <TextInput
            id="feedback-dossierCode"
            label={t('feedback.dossierCode')}
            description={t('feedback.dossierCodeHelp')}
            value={form.dossierCode}
            onChange={(e) => set('dossierCode')(e.currentTarget.value)}
            error={errors.dossierCode}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="feedback-dossier"
          />
        </FormSection>

        <FormSection title={t('feedback.contactLegend')} help={t('feedback.contactHelp')}>
          <TextInput
            id="feedback-name"
            label={t('feedback.name')}
            value={form.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={errors.name}
            required
            autoComplete="name"
            data-testid="feedback-name"
          />
          <TextInput
            id="feedback-phone"
            label={t('feedback.phone')}
            value={form.phone}
            onChange={(e) => set('phone')(e.currentTarget.value)}
            error={errors.phone}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            data-testid="feedback-phone"
          />
          <TextInput
            id="feedback-email"
            label={t('feedback.email')}
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={errors.email}
            type="email"
            inputMode="email"
            autoComplete="email"
            spellCheck={false}
            data-testid="feedback-email"
          />
        </FormSection>

        <Checkbox
          label={t('feedback.publish')}
          checked={form.publish}
          onChange={(e) => set('publish')(e.currentTarget.checked)}
          data-testid="feedback-publish"
        />

        {formError && (
          <Alert color="red" role="alert" data-testid="feedback-error">
            {formError}
          </Alert>
        )}

        <div>
          <Button
            type="submit"
            loading={submit.isPending}
            leftSection={<IconSend size={16} aria-hidden />}
            data-testid="feedback-submit"
          >
            {t('feedback.submit')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function Sent({ receipt, onAgain }: { receipt: FeedbackReceipt; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <Alert
      color="green"
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      data-testid="feedback-sent"
      role="status"
    >
      <Title order={2} size="h4" ref={headingRef} tabIndex={-1} mb="xs">
        {t('feedback.sentTitle')}
      </Title>
      <Text data-testid="feedback-due">
        {t('feedback.sentDue', { date: dueDate(receipt.dueAt, i18n.language) })}
      </Text>
      <Button variant="subtle" mt="sm" px={0} onClick={onAgain} data-testid="feedback-again">
        {t('feedback.again')}
      </Button>
    </Alert>
  );
}

function PublishedList() {
  const { t, i18n } = useTranslation();
  const query = usePublishedFeedback();
  const categoryLabel = useCategoryLabel();
  const lang = i18n.language;
  return (
    <Box component="section" aria-labelledby="feedback-published-title" data-testid="feedback-published">
      <Title order={2} size="h3" id="feedback-published-title" mb="sm">
        {t('feedback.publishedTitle')}
      </Title>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed" data-testid="feedback-published-empty">
          {t('feedback.publishedEmpty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" className="plain-list">
          {query.data.map((item) => (
            <Paper withBorder p="md" component="li" key={item.id} data-testid="feedback-published-item">
              <Title order={3} size="h5">
                {categoryLabel(item.category)}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {item.unitName} · {t('feedback.sentAt', { date: formatDateTime(item.createdAt, lang) })}
              </Text>
              <Text className="prewrap break-anywhere">{item.text}</Text>
              {item.answer && (
                <Box mt="sm" pl="sm" className="feedback-answer">
                  <Text fw={600} size="sm">
                    {t('feedback.answerOf', { unit: item.unitName })}
                    {item.answeredAt ? ` · ${formatDateTime(item.answeredAt, lang)}` : ''}
                  </Text>
                  <Text className="prewrap break-anywhere" data-testid="feedback-published-answer">
                    {item.answer}
                  </Text>
                </Box>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Box>
  );
}

export function FeedbackPage() {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState<FeedbackReceipt | null>(null);
  usePageTitle(t('feedback.title'));
  return (
    <Stack gap="lg" maw={720} mx="auto" data-testid="feedback-page">
      <div>
        <Title order={1}>{t('feedback.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('feedback.intro')}
        </Text>
      </div>
      {receipt ? (
        <Sent receipt={receipt} onAgain={() => setReceipt(null)} />
      ) : (
        <FeedbackForm onSent={setReceipt} />
      )}
      <PublishedList />
    </Stack>
  );
}
