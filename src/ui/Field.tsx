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
  props: FieldProps & {
    value?: string;
    type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'date' | 'time';
    autocomplete?: string;
    maxLength?: number;
    /** « auto » for text that may be written right to left (a partner's Arabic). */
    dir?: 'auto';
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        dir={props.dir}
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

export function TextAreaField(
  props: FieldProps & {
    value?: string;
    rows?: number;
    /** A Markdown text: the writing toolbar (markdown-editor.js) enhances it, its picker at this address. */
    markdownPicker?: string;
    /** « auto » for text that may be written right to left (a partner's Arabic). */
    dir?: 'auto';
  },
) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.id}
        name={props.name}
        dir={props.dir}
        data-markdown-editor={props.markdownPicker}
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

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** Radio buttons in a fieldset: the legend is the question, each choice has its label. */
export function RadioField(props: Omit<FieldProps, 'optional'> & { choices: Choice[]; value?: string }) {
  const describedByIds = describedBy(props.id, props.hint, props.error);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <fieldset id={props.id} aria-describedby={describedByIds} tabindex={-1}>
        <legend>{props.label}</legend>
        {props.hint ? (
          <p class="field__hint" id={`${props.id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        {props.error ? (
          <p class="field__error" id={`${props.id}-error`}>
            <span class="visually-hidden">{messages.form.errorPrefix} </span>
            {props.error}
          </p>
        ) : null}
        {props.choices.map((choice) => {
          const choiceId = `${props.id}-${choice.value}`;
          return (
            <div class="radio" key={choice.value}>
              <input
                type="radio"
                id={choiceId}
                name={props.name}
                value={choice.value}
                checked={props.value === choice.value}
                aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
              />
              <label for={choiceId}>
                {choice.label}
                {choice.hint ? (
                  <span class="field__hint" id={`${choiceId}-hint`}>
                    {' '}
                    – {choice.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function SelectField(props: FieldProps & { choices: Choice[]; value?: string }) {
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      >
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value} selected={props.value === choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A file to send: hints (formats, limits) and the message beside it, as the other fields. */
export function FileField({
  id,
  label,
  hints,
  error,
  accept,
}: {
  id: string;
  label: string;
  hints: string[];
  error?: string;
  /** The types the file picker offers first; the server reads the type from the bytes anyway. */
  accept: string;
}) {
  const hint = hints.length ? hints.join(' ') : undefined;
  return (
    <FieldFrame id={id} name={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={id}
        type="file"
        accept={accept}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** One checkbox with its label after it, its hint and message as the other fields. */
export function CheckboxField(props: Omit<FieldProps, 'optional'> & { checked: boolean }) {
  return (
    <div class={props.error ? 'field field--error field--checkbox' : 'field field--checkbox'}>
      {props.error ? (
        <p class="field__error" id={`${props.id}-error`}>
          <span class="visually-hidden">{messages.form.errorPrefix} </span>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />{' '}
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}
