/** Strings of the staff second factor (issue 14 §4): security page, login step, admin reset; under `security`. */
const vi = {
  security: {
    menu: 'Bảo mật tài khoản',
    title: 'Bảo mật tài khoản',
    intro:
      'Xác thực hai lớp: ngoài mật khẩu, mỗi lần đăng nhập cần mã 6 số từ ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator, FreeOTP…).',
    statusOn: 'Xác thực hai lớp đang bật',
    statusOff: 'Xác thực hai lớp đang tắt',
    required: 'Quản trị viên phải bật xác thực hai lớp trước khi tiếp tục làm việc.',
    start: 'Bật xác thực hai lớp',
    restart: 'Tạo khóa mới',
    step1: '1. Mở ứng dụng xác thực và quét mã QR',
    qrAlt: 'Mã QR chứa khóa bí mật của tài khoản {{username}} cho ứng dụng xác thực',
    manual: 'Không quét được? Nhập khóa này vào ứng dụng (loại: theo thời gian):',
    step2: '2. Nhập mã 6 số ứng dụng hiện ra',
    code: 'Mã xác thực (6 số)',
    codeFormat: 'Nhập đủ 6 chữ số',
    confirm: 'Xác nhận và bật',
    enabled: 'Đã bật xác thực hai lớp',
    recoveryTitle: 'Mã khôi phục — chỉ hiện một lần',
    recoveryHint:
      'Mỗi mã dùng được một lần để đăng nhập khi không có điện thoại. Hãy in ra hoặc sao chép và cất ở nơi an toàn: rời trang này sẽ không xem lại được.',
    recoveryList: 'Các mã khôi phục',
    print: 'In các mã',
    copy: 'Sao chép',
    copied: 'Đã sao chép các mã khôi phục',
    copyFailed: 'Không sao chép được: hãy chọn và sao chép các mã bằng tay.',
    saved: 'Tôi đã lưu các mã',
    disableTitle: 'Tắt xác thực hai lớp',
    disableHint: 'Nhập mã hiện tại trong ứng dụng (hoặc một mã khôi phục) để tắt.',
    disableCode: 'Mã xác thực hoặc mã khôi phục',
    disable: 'Tắt xác thực hai lớp',
    disabled: 'Đã tắt xác thực hai lớp',
    adminKeeps:
      'Quản trị viên không thể tự tắt xác thực hai lớp. Nếu mất điện thoại, hãy đăng nhập bằng mã khôi phục hoặc nhờ quản trị hệ thống đặt lại.',
    lostPhone:
      'Mất điện thoại? Đăng nhập bằng một mã khôi phục, hoặc nhờ quản trị hệ thống đặt lại xác thực hai lớp.',
    login: {
      code: 'Mã xác thực (6 số)',
      hint: 'Mã 6 số trong ứng dụng xác thực, hoặc một mã khôi phục',
      asked: 'Tài khoản này dùng xác thực hai lớp: nhập mã trong ứng dụng xác thực rồi bấm Đăng nhập.',
      required: 'Nhập mã xác thực',
    },
    users: {
      column: 'Xác thực hai lớp',
      on: 'Đang bật',
      off: 'Chưa bật',
      reset: 'Đặt lại xác thực hai lớp',
      resetNamed: 'Đặt lại xác thực hai lớp của {{username}}',
      resetConfirm:
        'Đặt lại xác thực hai lớp của {{username}}? Mã cũ và các mã khôi phục hết hiệu lực; người dùng phải đăng ký lại. Thao tác được ghi vào nhật ký.',
      resetDone: 'Đã đặt lại xác thực hai lớp của {{username}}',
    },
  },
};

const en: typeof vi = {
  security: {
    menu: 'Account security',
    title: 'Account security',
    intro:
      'Two-step verification: besides the password, every login needs a 6-digit code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, FreeOTP…).',
    statusOn: 'Two-step verification is on',
    statusOff: 'Two-step verification is off',
    required: 'Administrators must turn on two-step verification before they can continue.',
    start: 'Turn on two-step verification',
    restart: 'Make a new key',
    step1: '1. Open your authenticator app and scan the QR code',
    qrAlt: 'QR code with the secret key of account {{username}} for an authenticator app',
    manual: 'Cannot scan? Enter this key in the app (type: time-based):',
    step2: '2. Enter the 6-digit code the app shows',
    code: 'Authentication code (6 digits)',
    codeFormat: 'Enter the 6 digits',
    confirm: 'Confirm and turn on',
    enabled: 'Two-step verification is on',
    recoveryTitle: 'Recovery codes — shown only once',
    recoveryHint:
      'Each code logs you in once when you do not have your phone. Print or copy them and keep them somewhere safe: you cannot see them again after leaving this page.',
    recoveryList: 'Recovery codes',
    print: 'Print the codes',
    copy: 'Copy',
    copied: 'Recovery codes copied',
    copyFailed: 'Could not copy: select the codes and copy them by hand.',
    saved: 'I have saved the codes',
    disableTitle: 'Turn off two-step verification',
    disableHint: 'Enter the current code from the app (or a recovery code) to turn it off.',
    disableCode: 'Authentication or recovery code',
    disable: 'Turn off two-step verification',
    disabled: 'Two-step verification turned off',
    adminKeeps:
      'Administrators cannot turn off two-step verification. If you lose your phone, log in with a recovery code or ask a system administrator to reset it.',
    lostPhone: 'Lost your phone? Log in with a recovery code, or ask a system administrator to reset it.',
    login: {
      code: 'Authentication code',
      hint: 'The 6-digit code in your authenticator app, or a recovery code',
      asked:
        'This account uses two-step verification: enter the code from your authenticator app, then log in.',
      required: 'Enter the authentication code',
    },
    users: {
      column: 'Two-step verification',
      on: 'On',
      off: 'Off',
      reset: 'Reset second factor',
      resetNamed: 'Reset the second factor of {{username}}',
      resetConfirm:
        'Reset the second factor of {{username}}? The old codes and recovery codes stop working and the user must enrol again. The reset is recorded in the audit log.',
      resetDone: 'Second factor of {{username}} reset',
    },
  },
};

export default { vi, en };
