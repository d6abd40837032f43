// A list's filter by one of a few values: cleared, it shows everything ("全部…").
import { Select } from 'antd';

export function FilterSelect({
  placeholder,
  value,
  onChange,
  options,
  minWidth = 120,
  testId,
}: {
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string }[];
  minWidth?: number;
  testId?: string;
}) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={options}
      style={{ minWidth }}
      data-testid={testId}
    />
  );
}
