import { ActionIcon, Alert, Anchor, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFile, IconTrash, IconUpload } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';
import {
  ACCEPTED_FILE_TYPES,
  DEFAULT_MAX_FILE_BYTES,
  deleteUploadedFile,
  type FilePurpose,
  fileDownloadUrl,
  formatFileSize,
  type UploadedFile,
  uploadFile,
} from '../api/files';

export interface FileUploadProps {
  /** What the files are, e.g. "Bản sao giấy chứng sinh"; names the group for screen readers. */
  label: string;
  purpose: FilePurpose;
  applicationId?: string;
  dossierCode?: string;
  value: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  /** Checked before sending (the server checks again): default 10 MB. */
  maxBytes?: number;
  accept?: string;
  disabled?: boolean;
}

interface InFlight {
  name: string;
  percent: number;
}

/**
 * Attachments for a form: choose one or more files, each is uploaded at once with a progress bar;
 * the list shows what is stored, with a remove button. Refusals (too large, wrong type) show the
 * server's own explanation in an alert that screen readers announce.
 */
export function FileUpload({
  label,
  purpose,
  applicationId,
  dossierCode,
  value,
  onChange,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  accept = ACCEPTED_FILE_TYPES,
  disabled = false,
}: FileUploadProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const [inFlight, setInFlight] = useState<InFlight | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const resetRef = useRef<() => void>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  // The latest list, so files uploaded one after another all land in it.
  const valueRef = useRef(value);
  valueRef.current = value;

  useEffect(() => () => abortRef.current?.abort(), []);

  const size = (bytes: number) => formatFileSize(bytes, i18n.language);

  async function handleFiles(files: File[]) {
    resetRef.current?.();
    if (files.length === 0) return;
    setErrors([]);
    const problems: string[] = [];
    for (const file of files) {
      if (file.size > maxBytes) {
        problems.push(t('files.tooLarge', { name: file.name, max: size(maxBytes) }));
        continue;
      }
      const controller = new AbortController();
      abortRef.current = controller;
      setInFlight({ name: file.name, percent: 0 });
      try {
        const stored = await uploadFile({
          purpose,
          applicationId,
          dossierCode,
          file,
          signal: controller.signal,
          onProgress: (fraction) => setInFlight({ name: file.name, percent: Math.round(fraction * 100) }),
        });
        const next = [...valueRef.current, stored];
        valueRef.current = next;
        onChange(next);
        setAnnouncement(t('files.uploaded', { name: stored.name }));
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') break;
        // 413/415 and the like carry the server's explanation ("Tệp vượt quá dung lượng…").
        problems.push(
          error instanceof ApiError && error.problem.detail
            ? `${file.name}: ${error.problem.detail}`
            : `${t('files.failed', { name: file.name })} ${errorMessage(error)}`,
        );
      } finally {
        abortRef.current = null;
        setInFlight(null);
      }
    }
    setErrors(problems);
  }

  async function remove(file: UploadedFile) {
    setErrors([]);
    try {
      // Only a draft application's files can be deleted on the server; other lists just drop them.
      if (purpose === 'application') await deleteUploadedFile(file.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        setErrors([errorMessage(error)]);
        return;
      }
    }
    const next = valueRef.current.filter((f) => f.id !== file.id);
    valueRef.current = next;
    onChange(next);
    setAnnouncement(t('files.removed', { name: file.name }));
    // The removed row's button is gone: keep keyboard focus in the component.
    chooseRef.current?.focus();
  }

  return (
    <Stack gap="xs" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <Text id={labelId} fw={500} size="sm">
        {label}
      </Text>
      <Text id={hintId} size="xs" c="dimmed">
        {t('files.hint', { max: size(maxBytes) })}
      </Text>

      <Group gap="sm">
        <FileButton
          multiple
          accept={accept}
          onChange={(files) => void handleFiles(files)}
          resetRef={resetRef}
          disabled={disabled || inFlight !== null}
        >
          {(props) => (
            <Button
              {...props}
              ref={chooseRef}
              variant="light"
              leftSection={<IconUpload size={16} aria-hidden />}
              disabled={disabled || inFlight !== null}
              aria-label={t('files.chooseFor', { label })}
              aria-describedby={hintId}
            >
              {t('files.choose')}
            </Button>
          )}
        </FileButton>
      </Group>

      {inFlight && (
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              {t('files.uploading', { name: inFlight.name })}
            </Text>
            <Button variant="subtle" size="compact-xs" color="gray" onClick={() => abortRef.current?.abort()}>
              {t('files.cancel')}
            </Button>
          </Group>
          <Progress.Root size="md">
            <Progress.Section
              value={inFlight.percent}
              aria-label={t('files.uploading', { name: inFlight.name })}
              aria-valuetext={t('files.uploadingProgress', {
                name: inFlight.name,
                percent: inFlight.percent,
              })}
            />
          </Progress.Root>
        </Stack>
      )}

      {errors.length > 0 && (
        <Alert
          color="red"
          role="alert"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('files.errorTitle')}
          withCloseButton
          closeButtonLabel={t('files.dismiss')}
          onClose={() => setErrors([])}
        >
          {errors.length === 1 ? (
            errors[0]
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {errors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}

      {value.length > 0 ? (
        <ul aria-label={t('files.list', { label })} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {value.map((file) => (
            <li key={file.id}>
              <Group gap="xs" wrap="nowrap" py={4}>
                <IconFile size={18} aria-hidden />
                <Anchor
                  href={fileDownloadUrl(file.id)}
                  size="sm"
                  style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
                  aria-label={t('files.download', { name: file.name })}
                >
                  {file.name}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {size(file.size)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => void remove(file)}
                  disabled={disabled}
                  aria-label={t('files.removeFile', { name: file.name })}
                  title={t('files.remove')}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </li>
          ))}
        </ul>
      ) : (
        <Text size="sm" c="dimmed">
          {t('files.empty')}
        </Text>
      )}

      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
    </Stack>
  );
}
