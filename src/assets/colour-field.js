// Progressive enhancement: the colour is typed in a text field, which works everywhere; with this
// script, a palette beside it fills the field, and a colour typed in the field moves the palette.
for (const picker of document.querySelectorAll('input[type="color"][data-colour-for]')) {
  const field = document.getElementById(picker.dataset.colourFor);
  if (!field) continue;
  picker.closest('[hidden]')?.removeAttribute('hidden');
  picker.addEventListener('input', () => {
    field.value = picker.value;
  });
  field.addEventListener('input', () => {
    const value = field.value.trim().toLowerCase();
    if (/^#[0-9a-f]{6}$/.test(value)) picker.value = value;
  });
}
