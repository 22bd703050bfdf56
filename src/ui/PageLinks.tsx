/** The pages that use a record (or link to it), each linking to its back-office form. */
export function PageLinks({
  pages,
  class: className,
}: {
  pages: Array<{ id: string; title: string }>;
  class?: string;
}) {
  return (
    <ul class={className}>
      {pages.map((page) => (
        <li key={page.id}>
          <a href={`/gestion/pages/${page.id}`}>{page.title}</a>
        </li>
      ))}
    </ul>
  );
}
