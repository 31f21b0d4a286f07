import type { FilePurpose, filesContract } from '../../../src/contracts/files';
import type { OutputOf } from '../../../src/contracts/operation';
import i18n from '../i18n';
import { ApiError, buildUrl, type Problem } from './client';
import { endpoint } from './endpoint';

type Contract = typeof filesContract;
/** A stored attachment as the server reports it (POST /files). */
export type UploadedFile = OutputOf<Contract['upload']>;
export type { FilePurpose };

/** Removing and downloading attachments, typed by the files contract (uploading goes by XHR, below). */
export const filesApi = {
  remove: endpoint<Contract['remove']>('DELETE /files/:id'),
};

export const ACCEPTED_FILE_TYPES = 'application/pdf,image/jpeg,image/png';
/** The server's defaults (MOTCUA_MAX_FILE_BYTES, MOTCUA_MAX_DOSSIER_BYTES); it has the last word. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface UploadRequest {
  purpose: FilePurpose;
  applicationId?: string;
  dossierCode?: string;
  file: File;
  /** Called with the fraction sent so far (0…1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

function problemFrom(status: number, text: string): Problem {
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  const problem: Problem =
    data && typeof data === 'object' ? { ...(data as Partial<Problem>), status } : { status };
  problem.detail ??= status === 429 ? i18n.t('errors.rateLimited') : i18n.t('errors.http', { status });
  return problem;
}

/**
 * Uploads one file as multipart/form-data. XMLHttpRequest rather than fetch: only it reports upload
 * progress. Cookies go along (the session); errors reject with ApiError carrying the problem.
 */
export function uploadFile({
  purpose,
  applicationId,
  dossierCode,
  file,
  onProgress,
  signal,
}: UploadRequest): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // Text fields before the file: the server reads them first.
    form.append('purpose', purpose);
    if (applicationId) form.append('applicationId', applicationId);
    if (dossierCode) form.append('dossierCode', dossierCode);
    form.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl('/files'));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', i18n.language === 'en' ? 'en' : 'vi');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadedFile);
        } catch {
          reject(new ApiError(problemFrom(xhr.status, '')));
        }
        return;
      }
      reject(new ApiError(problemFrom(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'network_error', detail: i18n.t('errors.network') }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('Upload aborted', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

/** Removes an attachment from a draft application. */
export function deleteUploadedFile(id: string): Promise<void> {
  return filesApi.remove({ params: { id } });
}

/** Where the browser downloads the file (same origin: the session cookie goes along). */
export function fileDownloadUrl(id: string): string {
  return buildUrl(`/files/${encodeURIComponent(id)}`);
}

/** "812 KB", "2,4 MB" (Vietnamese decimal comma) / "2.4 MB". */
export function formatFileSize(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-US' : 'vi-VN';
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes >= 1024 * 1024) return format(bytes / (1024 * 1024), 'MB');
  if (bytes >= 1024) return format(Math.round(bytes / 1024), 'KB');
  return format(bytes, lang === 'en' ? 'bytes' : 'byte');
}
