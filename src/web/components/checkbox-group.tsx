// A group of checkboxes whose ticks are the value it is given, at once. antd's Checkbox.Group keeps
// its own copy of the value and catches up in an effect a task later, so right after a tap the box
// reads unchecked (the browser's state and what assistive technology is told), and a check made in
// that moment finds the tap lost. Here each box's `checked` is computed from the value in the same
// render, so the box is ticked when the tap's event ends. Used inside a Form.Item like antd's.
import { Checkbox } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export interface CheckboxOption<T extends string> {
  value: T;
  label: ReactNode;
  disabled?: boolean;
}

export function CheckboxGroup<T extends string>({
  value,
  onChange,
  options,
  disabled,
  id,
  style,
  'data-testid': testId,
}: {
  value?: readonly T[] | null;
  onChange?: (value: T[]) => void;
  options: readonly CheckboxOption<T>[];
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const ticked = new Set(value ?? []);
  return (
    <div className="ant-checkbox-group" role="group" id={id} style={style} data-testid={testId}>
      {options.map((option) => (
        <Checkbox
          key={option.value}
          value={option.value}
          checked={ticked.has(option.value)}
          disabled={disabled || option.disabled}
          onChange={(e) =>
            // In the order of the options; a value that is not among them is dropped, as antd does.
            onChange?.(
              options
                .map((o) => o.value)
                .filter((v) => (v === option.value ? e.target.checked : ticked.has(v))),
            )
          }
        >
          {option.label}
        </Checkbox>
      ))}
    </div>
  );
}
