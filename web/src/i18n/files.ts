/** Texts of the file upload component, merged into the "translation" namespace under `files`. */
export const filesResources = {
  vi: {
    files: {
      choose: 'Chọn tệp',
      chooseFor: 'Chọn tệp: {{label}}',
      hint: 'Nhận tệp PDF, JPEG hoặc PNG, mỗi tệp tối đa {{max}}.',
      uploading: 'Đang tải lên {{name}}',
      uploadingProgress: 'Đang tải lên {{name}}: {{percent}}%',
      uploaded: 'Đã tải lên {{name}}',
      removed: 'Đã xoá {{name}}',
      remove: 'Xoá',
      removeFile: 'Xoá tệp {{name}}',
      cancel: 'Huỷ tải lên',
      download: 'Tải về {{name}}',
      list: 'Các tệp đã tải lên: {{label}}',
      empty: 'Chưa có tệp nào.',
      tooLarge: 'Tệp "{{name}}" vượt quá dung lượng cho phép (tối đa {{max}}).',
      wrongType: 'Tệp "{{name}}" không phải PDF, JPEG hoặc PNG.',
      failed: 'Không tải lên được tệp "{{name}}".',
      errorTitle: 'Không tải lên được',
      dismiss: 'Đóng thông báo lỗi',
    },
  },
  en: {
    files: {
      choose: 'Choose files',
      chooseFor: 'Choose files: {{label}}',
      hint: 'PDF, JPEG or PNG files, up to {{max}} each.',
      uploading: 'Uploading {{name}}',
      uploadingProgress: 'Uploading {{name}}: {{percent}}%',
      uploaded: 'Uploaded {{name}}',
      removed: 'Removed {{name}}',
      remove: 'Remove',
      removeFile: 'Remove file {{name}}',
      cancel: 'Cancel upload',
      download: 'Download {{name}}',
      list: 'Uploaded files: {{label}}',
      empty: 'No files yet.',
      tooLarge: 'The file "{{name}}" is too large (at most {{max}}).',
      wrongType: 'The file "{{name}}" is not a PDF, JPEG or PNG.',
      failed: 'Could not upload "{{name}}".',
      errorTitle: 'Upload failed',
      dismiss: 'Dismiss the error',
    },
  },
} as const;

export default filesResources;
