import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import { notify } from './notify';

/**
 * A download started by a button: a toast naming the file when it arrives, the error kept for an
 * alert on the page when it fails (cleared by the next success). `message` is the i18n key of the
 * toast, given `{{name}}`.
 */
export function useDownload<Input>(
  download: (input: Input) => Promise<string>,
  message = 'reports.downloaded',
) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: download,
    onSuccess: (name) => {
      setFailure(null);
      notify({ color: 'green', message: t(message, { name }) });
    },
    onError: (error) => setFailure(errorMessage(error)),
  });
  return { ...mutation, failure };
}
