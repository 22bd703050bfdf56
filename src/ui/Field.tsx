import type { ComponentChildren } from 'preact';
import { messages } from '../platform/i18n/fr.js';

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>
        {label}
        {optional ? <span class="field__optional"> {messages.form.optional}</span> : null}
      </label>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">{messages.form.errorPrefix} </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & { value?: string; type?: 'text' | 'email'; autocomplete?: string; maxLength?: number },
) {
  return (
    <FieldFrame {...props}>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        required={!props.optional}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldProps & { value?: string; rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 5}
        required={!props.optional}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}
