import type { ComponentChildren } from 'preact';

/** A one-button form that posts an action (publish, restore, delete…) with its CSRF token. */
export function ActionButton({
  action,
  csrfToken,
  variant,
  children,
}: {
  action: string;
  csrfToken: string;
  variant?: 'secondary' | 'warning';
  children: ComponentChildren;
}) {
  return (
    <form action={action} method="post">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" class={variant ? `button-${variant}` : undefined}>
        {children}
      </button>
    </form>
  );
}
