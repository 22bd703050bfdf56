// Progressive enhancement of the header's "Menu" disclosure (a <details> that works without
// this script). With it: the disclosure is open wherever the stylesheet shows the menu (wide
// screens), so that its state read by assistive technologies matches what is on screen; and a
// skip link to the search or the main menu opens it on a phone before moving there.
(() => {
  const navigation = document.getElementById('navigation');
  if (!navigation) return;
  const wide = window.matchMedia('(min-width: 48em)');
  const follow = () => {
    navigation.open = wide.matches;
  };
  follow();
  wide.addEventListener('change', follow);

  const openFor = (hash) => {
    if (!hash || hash.length < 2) return;
    let id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch {
      return; // A malformed address ("#%E0") targets nothing.
    }
    const target = document.getElementById(id);
    if (target && navigation.contains(target)) navigation.open = true;
  };
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (link) openFor(link.getAttribute('href'));
  });
  window.addEventListener('hashchange', () => openFor(window.location.hash));
  openFor(window.location.hash);
})();
