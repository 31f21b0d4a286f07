/** Strings of assisted submission (community digital technology teams), under `assist`. */
const vi = {
  assist: {
    title: 'Nộp hồ sơ thay người dân',
    intro:
      'Thành viên tổ công nghệ số cộng đồng giúp người dân nộp hồ sơ trực tuyến. Chỉ nộp thay khi người dân đã đồng ý; hệ thống ghi lại sự đồng ý, tổ và người hỗ trợ trên hồ sơ.',
    procedure: 'Thủ tục cần nộp',
    procedureHelp: 'Gõ tên thủ tục, ví dụ "khai sinh"',
    citizen: 'Người dân được hỗ trợ',
    fullName: 'Họ và tên người dân',
    idNumber: 'Số định danh cá nhân (CCCD)',
    phone: 'Số điện thoại của người dân',
    phoneHelp: 'Người dân nhận tin nhắn về hồ sơ qua số này',
    method: 'Cách người dân đồng ý',
    methods: {
      signed_form: 'Người dân ký giấy đồng ý cho nộp thay',
      in_person: 'Người dân có mặt và trực tiếp đồng ý',
    },
    note: 'Ghi chú (nơi ký, người làm chứng…)',
    consent: 'Tôi xác nhận người dân đã đồng ý cho tôi nộp hồ sơ này thay họ',
    start: 'Bắt đầu điền hồ sơ',
    cancel: 'Hủy',
    mine: 'Hồ sơ tôi đã hỗ trợ',
    none: 'Chưa có hồ sơ nào.',
    colCitizen: 'Người dân',
    colProcedure: 'Thủ tục',
    colStatus: 'Trạng thái',
    colUpdated: 'Cập nhật',
    open: 'Mở',
    banner: 'Nộp thay cho {{name}} (CCCD {{idNumber}}), {{method}}.',
    assistedBy: 'Hỗ trợ nộp trực tuyến',
    assistedByText: '{{assistant}} — {{team}} ({{village}})',
    consentText: 'Người dân {{name}} đồng ý: {{method}}, lúc {{at}}',
    serviceDay: {
      no_appointment: {
        title: 'Hôm nay là ngày không hẹn',
        text: 'Các thủ tục giải quyết trong ngày được giải quyết ngay khi người dân chờ, không hẹn ngày trả.',
      },
      no_writing: {
        title: 'Hôm nay là ngày không viết',
        text: 'Cán bộ điền tờ khai cho người dân từ thông tin đã có (nút "Dùng thông tin đã có" khi nhập số định danh); người dân chỉ kiểm tra và ký.',
      },
    },
  },
};

const en: typeof vi = {
  assist: {
    title: 'Submit for a citizen',
    intro:
      'Community digital team members help citizens submit online. Submit only with the citizen’s consent; the consent, the team and the helper are recorded on the dossier.',
    procedure: 'Procedure',
    procedureHelp: 'Type the procedure’s name, e.g. "birth"',
    citizen: 'The citizen you help',
    fullName: 'Citizen’s full name',
    idNumber: 'Personal ID number',
    phone: 'Citizen’s phone number',
    phoneHelp: 'The citizen receives the dossier’s messages on this number',
    method: 'How the citizen agreed',
    methods: {
      signed_form: 'The citizen signed a consent form',
      in_person: 'The citizen is present and agreed in person',
    },
    note: 'Note (where it was signed, witness…)',
    consent: 'I confirm the citizen agreed that I submit this dossier for them',
    start: 'Start filling in the dossier',
    cancel: 'Cancel',
    mine: 'Dossiers I helped with',
    none: 'None yet.',
    colCitizen: 'Citizen',
    colProcedure: 'Procedure',
    colStatus: 'Status',
    colUpdated: 'Updated',
    open: 'Open',
    banner: 'Submitted for {{name}} (ID {{idNumber}}), {{method}}.',
    assistedBy: 'Assisted online submission',
    assistedByText: '{{assistant}} — {{team}} ({{village}})',
    consentText: '{{name}} agreed: {{method}}, at {{at}}',
    serviceDay: {
      no_appointment: {
        title: 'Today is a no-appointment day',
        text: 'Same-day procedures are resolved while the citizen waits, with no appointment to come back.',
      },
      no_writing: {
        title: 'Today is a no-writing day',
        text: 'Fill the forms for the citizen from what is on record ("Use the saved details" once the ID number is typed); the citizen only checks and signs.',
      },
    },
  },
};

export default { vi, en };
