import { describe, expect, it } from 'vitest';
import type { EFormDefinition } from '../catalog/eform.ts';
import {
  APPLICANT_GROUP,
  applicantOf,
  effectiveForm,
  type FieldAnswer,
  fieldProblem,
  type FormAnswers,
  validateAnswers,
} from './form.ts';

const own: EFormDefinition = {
  version: 1,
  groups: [
    {
      id: 'child',
      title: 'Trẻ',
      repeatable: false,
      fields: [
        { id: 'name', label: 'Tên', type: 'text', required: true },
        { id: 'born', label: 'Ngày sinh', type: 'date', required: true },
        {
          id: 'sex',
          label: 'Giới tính',
          type: 'select',
          required: true,
          options: [
            { value: 'M', label: 'Nam' },
            { value: 'F', label: 'Nữ' },
          ],
        },
      ],
    },
    {
      id: 'members',
      title: 'Thành viên',
      repeatable: true,
      fields: [
        { id: 'name', label: 'Tên', type: 'text', required: true },
        { id: 'age', label: 'Tuổi', type: 'number', required: false },
      ],
    },
  ],
};

const field = (type: (typeof APPLICANT_GROUP.fields)[number]['type'], required = true) => ({
  id: 'f',
  label: 'F',
  type,
  required,
  ...(type === 'select' ? { options: [{ value: 'a', label: 'A' }] } : {}),
});

describe('fieldProblem', () => {
  const cases: [string, ReturnType<typeof field>, FieldAnswer, string | null][] = [
    ['required text empty', field('text'), '  ', 'required'],
    ['optional text empty', field('text', false), '', null],
    ['CCCD 12 digits', field('idNumber'), '079123456789', null],
    ['CMND 9 digits', field('idNumber'), '123456789', null],
    ['ID 10 digits', field('idNumber'), '1234567890', 'idNumber'],
    ['phone with spaces', field('phone'), '0912 345 678', null],
    ['phone +84', field('phone'), '+84912345678', null],
    ['phone short', field('phone'), '09123', 'phone'],
    ['email', field('email'), 'a@b.vn', null],
    ['bad email', field('email'), 'a@b', 'email'],
    ['number as text', field('number'), '12', null],
    ['not a number', field('number'), 'mười', 'number'],
    ['date', field('date'), '2026-02-28', null],
    ['31 February', field('date'), '2026-02-31', 'date'],
    ['dd/mm/yyyy is not ISO', field('date'), '28/02/2026', 'date'],
    ['select option', field('select'), 'a', null],
    ['select unknown', field('select'), 'z', 'option'],
    [
      'address complete',
      field('address'),
      { province: 'AG', commune: 'Long Xuyên', street: '1 Lê Lợi' },
      null,
    ],
    ['address unknown province', field('address'), { province: 'XX', commune: 'a', street: 'b' }, 'province'],
    ['address no commune', field('address'), { province: 'AG', street: 'b' }, 'commune'],
    ['address no street', field('address'), { province: 'AG', commune: 'a' }, 'street'],
    ['file ids', field('file'), ['id1'], null],
    ['required file missing', field('file'), [], 'file'],
  ];
  it.each(cases)('%s', (_name, f, value, expected) => {
    expect(fieldProblem(f as never, value)).toBe(expected);
  });
});

describe('validateAnswers', () => {
  const form = effectiveForm(own);
  const good: FormAnswers = {
    applicant: {
      fullName: 'Nguyễn Văn An',
      idNumber: '079123456789',
      phone: '0912 345 678',
      address: { province: 'AG', commune: 'Phường Long Xuyên', street: '12 Trần Hưng Đạo' },
    },
    child: { name: 'Nguyễn Văn Bình', born: '2026-11-01', sex: 'M' },
    members: [{ name: 'Lê Thị C' }],
  };

  it('puts the applicant first, once', () => {
    expect(form.groups.map((g) => g.id)).toEqual(['applicant', 'child', 'members']);
    expect(effectiveForm(null).groups).toEqual([APPLICANT_GROUP]);
  });

  it("merges a procedure's own applicant group after the standard fields; scans are optional online", () => {
    const merged = effectiveForm({
      version: 1,
      groups: [
        {
          id: 'applicant',
          title: 'Người yêu cầu',
          repeatable: false,
          fields: [
            { id: 'fullName', label: 'Họ tên', type: 'text', required: true },
            { id: 'residence', label: 'Nơi cư trú', type: 'address', required: true },
            { id: 'relationship', label: 'Quan hệ', type: 'text', required: true },
            { id: 'scan', label: 'Bản chụp', type: 'file', required: true },
          ],
        },
      ],
    });
    expect(merged.groups).toHaveLength(1);
    expect(merged.groups[0]!.title).toBe('Người yêu cầu');
    expect(merged.groups[0]!.fields.map((f) => f.id)).toEqual([
      'fullName',
      'idNumber',
      'phone',
      'email',
      'address',
      'relationship',
      'scan',
    ]);
    expect(merged.groups[0]!.fields.at(-1)!.required).toBe(false);
  });

  it('accepts complete answers', () => {
    expect(validateAnswers(form, good)).toEqual([]);
  });

  it('names every wrong field, rows of repeatable groups by index, in the chosen language', () => {
    const bad: FormAnswers = {
      ...good,
      child: { name: '', born: '2026-13-01', sex: 'M' },
      members: [{ name: 'A' }, { name: '', age: 'x' }],
    };
    expect(validateAnswers(form, bad, 'en')).toEqual([
      { path: 'answers.child.name', message: 'This field is required' },
      { path: 'answers.child.born', message: 'Invalid date' },
      { path: 'answers.members.1.name', message: 'This field is required' },
      { path: 'answers.members.1.age', message: 'Enter a number' },
    ]);
    expect(validateAnswers(form, { ...good, members: [] })).toEqual([
      { path: 'answers.members', message: 'Cần ít nhất một dòng' },
    ]);
  });

  it('builds the dossier applicant with a one-line address', () => {
    expect(applicantOf(good, (c) => (c === 'AG' ? 'Tỉnh An Giang' : c))).toEqual({
      fullName: 'Nguyễn Văn An',
      idNumber: '079123456789',
      phone: '0912345678',
      address: '12 Trần Hưng Đạo, Phường Long Xuyên, Tỉnh An Giang',
    });
  });
});
