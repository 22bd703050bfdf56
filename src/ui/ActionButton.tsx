import type { ComponentChildren } from 'preact';

/** A one-button form that posts an action (publish, restore, delete…) with its CSRF token. */
export function ActionButton({
  action,
  csrfToken,
  variant,
  fields,
  children,
}: {
  action: string;
  csrfToken: string;
  /** Hidden fields sent with it, such as the version the person saw. */
  fields?: Record<string, string>;
  variant?: 'secondary' | 'warning';
  children: ComponentChildren;
}) {
  return (
    <form action={action} method="post">
      <input type="hidden" name="_csrf" value={csrfToken} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={variant ? `button-${variant}` : undefined}>
        {children}
      </button>
    </form>
  );
}
